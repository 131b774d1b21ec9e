package io.licensenotify.adapter.braze;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.licensenotify.domain.NotificationKind;
import io.licensenotify.ports.out.Message;
import io.licensenotify.ports.out.SendOutcome;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.URI;
import java.time.ZoneId;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.licensenotify.adapter.braze.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BrazeMessengerPayloadTest {

    @RegisterExtension
    static WireMockExtension braze = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @BeforeEach
    void brazeAccepts() {
        braze.stubFor(post(PATH).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"dispatch_id\":\"d-123\",\"message\":\"success\"}")));
    }

    private BrazeMessenger messenger() {
        return new BrazeMessenger(settings(braze.baseUrl())
                .adminPortalBaseUrl(URI.create("https://portal.example.com/"))
                .zone(ZoneId.of("America/New_York"))
                .build());
    }

    @Test
    void sendsAThresholdEmailWithTheEnterpriseAndRecipientPropertiesAndReturnsTheDispatchId() {
        SendOutcome outcome = messenger().send(threshold75(List.of(admin(101, 9001), admin(102, 9002))));

        assertThat(outcome).isEqualTo(new SendOutcome.Sent("d-123"));
        braze.verify(1, postRequestedFor(urlEqualTo(PATH))
                .withHeader("Authorization", equalTo("Bearer " + API_KEY))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("""
                        {
                          "campaign_id": "camp-utilization-75",
                          "broadcast": false,
                          "trigger_properties": {
                            "enterprise_customer_id": "11111111-2222-3333-4444-555555555555",
                            "subscription_plan_uuid": "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee",
                            "allocated_license_count": 3,
                            "total_license_count": 4,
                            "enterprise_customer_name": "Acme Learning",
                            "subscription_plan_title": "Acme 2026",
                            "expiration_date": "Mar 5, 2027",
                            "admin_portal_url": "https://portal.example.com/acme/admin",
                            "utilization_percent": 75,
                            "threshold_percent": 75
                          },
                          "recipients": [
                            {"external_user_id": "9001",
                             "trigger_properties": {"user_name": "user9001", "first_name": "First9001", "email": "user9001@example.com"}},
                            {"external_user_id": "9002",
                             "trigger_properties": {"user_name": "user9002", "first_name": "First9002", "email": "user9002@example.com"}}
                          ]
                        }""", false, false)));
    }

    @Test
    void sendsADigestWithoutThresholdPropertiesAndWithoutAPortalLinkWhenTheEnterpriseHasNoSlug() {
        Message digest = new Message(NotificationKind.WEEKLY_DIGEST, enterprise(null), plan(),
                List.of(admin(101, 9001)), TODAY);

        assertThat(messenger().send(digest)).isEqualTo(new SendOutcome.Sent("d-123"));
        braze.verify(1, postRequestedFor(urlEqualTo(PATH)).withRequestBody(equalToJson("""
                {
                  "campaign_id": "camp-weekly-digest",
                  "broadcast": false,
                  "trigger_properties": {
                    "enterprise_customer_id": "11111111-2222-3333-4444-555555555555",
                    "subscription_plan_uuid": "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee",
                    "allocated_license_count": 3,
                    "total_license_count": 4,
                    "enterprise_customer_name": "Acme Learning",
                    "subscription_plan_title": "Acme 2026",
                    "expiration_date": "Mar 5, 2027"
                  },
                  "recipients": [
                    {"external_user_id": "9001",
                     "trigger_properties": {"user_name": "user9001", "first_name": "First9001", "email": "user9001@example.com"}}
                  ]
                }""", false, false)));
    }

    @Test
    void withCreateMissingUsersEachRecipientAsksBrazeToCreateItsProfileWithTheAdminsEmailAndFirstName()
            throws IOException {
        new BrazeMessenger(settings(braze.baseUrl()).createMissingUsers(true).build())
                .send(threshold75(List.of(admin(101, 9001), admin(102, 9002))));

        JsonNode recipients = new ObjectMapper().readTree(braze.getAllServeEvents().get(0).getRequest()
                .getBodyAsString()).path("recipients");
        assertThat(recipients).hasSize(2);
        assertThat(recipients.get(0).path("external_user_id").asText()).isEqualTo("9001");
        assertThat(recipients.get(0).path("send_to_existing_only").isBoolean()).isTrue();
        assertThat(recipients.get(0).path("send_to_existing_only").asBoolean()).isFalse();
        assertThat(recipients.get(0).path("attributes").toString())
                .isEqualTo("{\"email\":\"user9001@example.com\",\"first_name\":\"First9001\"}");
        assertThat(recipients.get(1).path("attributes").path("email").asText()).isEqualTo("user9002@example.com");
        // the template still reads the same trigger properties
        assertThat(recipients.get(0).path("trigger_properties").path("email").asText()).isEqualTo("user9001@example.com");
    }

    @Test
    void aPackedRequestGivesEachRecipientTheWholeOfItsOwnEnterprisesPropertiesAndSharesOnlyWhatIsTheSame()
            throws IOException {
        io.licensenotify.domain.Enterprise globex = io.licensenotify.domain.Enterprise.of(
                java.util.UUID.fromString("22222222-2222-3333-4444-555555555555"), "Globex", "globex");
        io.licensenotify.domain.Plan globexPlan = new io.licensenotify.domain.Plan(
                java.util.UUID.fromString("bbbbbbbb-bbbb-cccc-dddd-eeeeeeeeeeee"), "Globex 2026",
                java.time.Instant.parse("2026-01-01T00:00:00Z"), java.time.Instant.parse("2027-03-06T02:00:00Z"),
                true, true, new io.licensenotify.domain.LicenseCounts(2, 5, 3, 0)); // 8 of 10: 80 %
        Message packed = new Message(NotificationKind.threshold(75), List.of(
                new Message.Recipient(enterprise("acme"), plan(), admin(101, 9001)),
                new Message.Recipient(globex, globexPlan, admin(201, 9101)),
                new Message.Recipient(enterprise("acme"), plan(), admin(102, 9002))), TODAY);

        assertThat(messenger().send(packed)).isEqualTo(new SendOutcome.Sent("d-123"));

        JsonNode body = new ObjectMapper().readTree(braze.getAllServeEvents().get(0).getRequest().getBodyAsString());
        // what every recipient shares: the expiration day and the threshold; nothing of one enterprise alone
        assertThat(body.path("trigger_properties").toString())
                .isEqualTo("{\"expiration_date\":\"Mar 5, 2027\",\"threshold_percent\":75}");
        JsonNode recipients = body.path("recipients");
        assertThat(recipients).hasSize(3);
        assertThat(recipients.findValuesAsText("external_user_id")).containsExactly("9001", "9101", "9002")
                .doesNotHaveDuplicates();
        JsonNode acme = recipients.get(0).path("trigger_properties");
        JsonNode ofGlobex = recipients.get(1).path("trigger_properties");
        assertThat(acme.path("email").asText()).isEqualTo("user9001@example.com");
        assertThat(acme.path("enterprise_customer_id").asText()).isEqualTo(ENTERPRISE.toString());
        assertThat(acme.path("enterprise_customer_name").asText()).isEqualTo("Acme Learning");
        assertThat(acme.path("subscription_plan_uuid").asText()).isEqualTo(PLAN.toString());
        assertThat(acme.path("allocated_license_count").asInt()).isEqualTo(3);
        assertThat(acme.path("total_license_count").asInt()).isEqualTo(4);
        assertThat(acme.path("utilization_percent").asInt()).isEqualTo(75);
        assertThat(acme.path("admin_portal_url").asText()).isEqualTo("https://portal.example.com/acme/admin");
        assertThat(ofGlobex.path("email").asText()).isEqualTo("user9101@example.com");
        assertThat(ofGlobex.path("enterprise_customer_id").asText()).isEqualTo("22222222-2222-3333-4444-555555555555");
        assertThat(ofGlobex.path("enterprise_customer_name").asText()).isEqualTo("Globex");
        assertThat(ofGlobex.path("subscription_plan_title").asText()).isEqualTo("Globex 2026");
        assertThat(ofGlobex.path("allocated_license_count").asInt()).isEqualTo(8);
        assertThat(ofGlobex.path("total_license_count").asInt()).isEqualTo(10);
        assertThat(ofGlobex.path("utilization_percent").asInt()).isEqualTo(80);
        assertThat(ofGlobex.path("admin_portal_url").asText()).isEqualTo("https://portal.example.com/globex/admin");
        // a template reading {{api_trigger_properties.${key}}} finds every key on each recipient or at the top
        for (JsonNode r : recipients)
            for (String key : List.of("enterprise_customer_id", "subscription_plan_uuid", "allocated_license_count",
                    "total_license_count", "enterprise_customer_name", "subscription_plan_title", "expiration_date",
                    "admin_portal_url", "utilization_percent", "threshold_percent", "user_name", "first_name", "email"))
                assertThat(r.path("trigger_properties").has(key) || body.path("trigger_properties").has(key))
                        .as(key).isTrue();
    }

    @Test
    void aMessageNeverHoldsTheSameAdminTwice() {
        assertThatThrownBy(() -> new Message(NotificationKind.threshold(75), List.of(
                new Message.Recipient(enterprise("acme"), plan(), admin(101, 9001)),
                new Message.Recipient(enterprise("other"), plan(), admin(301, 9001))), TODAY))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("LMS user 9001 is a recipient twice");
    }

    @Test
    void writesTheExpirationDateInTheConfiguredZone() {
        new BrazeMessenger(settings(braze.baseUrl()).build()).send(threshold75(List.of(admin(101, 9001))));

        braze.verify(postRequestedFor(urlEqualTo(PATH))
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath(
                        "$.trigger_properties.expiration_date", equalTo("Mar 6, 2027"))));
    }

    @Test
    void takesFiftyRecipientsInOneRequest() {
        BrazeMessenger messenger = messenger();

        assertThat(messenger.send(threshold75(admins(Message.MAX_RECIPIENTS)))).isInstanceOf(SendOutcome.Sent.class);
        assertThat(messenger.requestsMade()).isEqualTo(1);
    }

    @Test
    void rejectsFiftyOneRecipientsBeforeAnyRequest() {
        BrazeMessenger messenger = messenger();

        assertThatThrownBy(() -> messenger.send(threshold75(admins(51))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at most 50 recipients, got 51");
        assertThat(messenger.requestsMade()).isZero();
        assertThat(braze.getAllServeEvents()).isEmpty();
    }

    @Test
    void failsPermanentlyNamingTheMissingCampaignKeyWithoutCallingBraze() {
        BrazeMessenger messenger = messenger();
        Message hundred = new Message(NotificationKind.threshold(100), enterprise("acme"), plan(),
                List.of(admin(101, 9001)), TODAY);

        SendOutcome outcome = messenger.send(hundred);

        assertThat(outcome).isInstanceOfSatisfying(SendOutcome.Failed.class, f -> {
            assertThat(f.transientFailure()).isFalse();
            assertThat(f.reason()).contains("braze.campaign.utilization-100");
        });
        assertThat(messenger.requestsMade()).isZero();
        assertThat(braze.getAllServeEvents()).isEmpty();
    }

    @Test
    void countsAnAcceptedRequestWithoutADispatchIdAsSent() {
        braze.stubFor(post(PATH).willReturn(aResponse().withStatus(202).withBody("{\"message\":\"queued\"}")));

        assertThat(messenger().send(threshold75(List.of(admin(101, 9001))))).isEqualTo(new SendOutcome.Sent("", true));
    }

    /** A slug from the database is one path segment, whatever it holds. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            a/../b?x=1#y   | a%2F..%2Fb%3Fx=1%23y
            café team      | caf%C3%A9%20team
            50%off\\x      | 50%25off%5Cx
            ?admin=1       | %3Fadmin=1
            """)
    void putsTheSlugIntoThePortalLinkAsOneEncodedPathSegment(String slug, String segment) throws IOException {
        Message message = new Message(NotificationKind.threshold(75), enterprise(slug), plan(), List.of(admin(101, 9001)), TODAY);

        assertThat(messenger().send(message)).isEqualTo(new SendOutcome.Sent("d-123"));

        String expected = "https://portal.example.com/" + segment + "/admin";
        braze.verify(1, postRequestedFor(urlEqualTo(PATH))
                .withRequestBody(matchingJsonPath("$.trigger_properties.admin_portal_url", equalTo(expected))));
        URI link = URI.create(sentProperties().path("admin_portal_url").asText());
        assertThat(link.getHost()).isEqualTo("portal.example.com");
        assertThat(link.getRawQuery()).isNull();
        assertThat(link.getRawFragment()).isNull();
        assertThat(link.getPath()).isEqualTo("/" + slug + "/admin");
        assertThat(link.getRawPath().split("/", -1)).containsExactly("", segment, "admin");
    }

    /** "." or ".." cannot be a path segment (a browser resolves it, even encoded): no link rather than another page. */
    @ParameterizedTest
    @ValueSource(strings = {".", ".."})
    void sendsNoPortalLinkForASlugABrowserWouldResolve(String slug) throws IOException {
        Message message = new Message(NotificationKind.threshold(75), enterprise(slug), plan(), List.of(admin(101, 9001)), TODAY);

        assertThat(messenger().send(message)).isEqualTo(new SendOutcome.Sent("d-123"));

        assertThat(sentProperties().has("admin_portal_url")).isFalse();
    }

    private static JsonNode sentProperties() throws IOException {
        String body = braze.getAllServeEvents().get(0).getRequest().getBodyAsString();
        return new ObjectMapper().readTree(body).path("trigger_properties");
    }
}
