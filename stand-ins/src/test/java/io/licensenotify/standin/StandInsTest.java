package io.licensenotify.standin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.licensenotify.standin.LmsStandIn.Admin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** The LMS and Braze as the product meets them: tokens, pages of admins, triggers, and what each refuses. */
class StandInsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final UUID ACME = UUID.fromString("e0000000-0000-4000-8000-000000000001");
    private static final UUID HOOLI = UUID.fromString("e0000000-0000-4000-8000-000000000005");
    private static final Instant JOINED = Instant.parse("2024-05-01T10:00:00Z");
    private final HttpClient http = HttpClient.newHttpClient();
    private final LmsStandIn lms = new LmsStandIn("id", "secret", "the-token");
    private final BrazeStandIn braze = new BrazeStandIn("braze-key");

    @AfterEach
    void stop() {
        lms.close();
        braze.close();
    }

    private HttpResponse<String> token(String form) throws Exception {
        return http.send(tokenRequest(form), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest tokenRequest(String form) {
        return HttpRequest.newBuilder(lms.baseUrl().resolve(LmsStandIn.TOKEN_PATH))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
    }

    private HttpResponse<String> get(URI uri, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).header("Authorization", "JWT " + token).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private String accessToken() throws Exception {
        HttpResponse<String> response = token("grant_type=client_credentials&client_id=id&client_secret=secret&token_type=jwt");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("expires_in").asInt()).isEqualTo(3600);
        assertThat(body.path("token_type").asText()).isEqualTo("JWT");
        return body.path("access_token").asText();
    }

    @Test
    void theLmsIssuesATokenOnlyForTheRightClientCredentials() throws Exception {
        assertThat(accessToken()).isEqualTo("the-token");
        assertThat(token("grant_type=client_credentials&client_id=id&client_secret=wrong").statusCode()).isEqualTo(401);
        assertThat(lms.tokensIssued()).isEqualTo(1);
        assertThat(lms.tokenRequests()).isEqualTo(2);
    }

    @Test
    void theLmsPagesThroughAnEnterprisesAdminsByFollowingNext() throws Exception {
        lms.admins(ACME, List.of(Admin.of(401, 4001, "Erin", JOINED), Admin.of(402, 4002, "Frank", JOINED),
                new Admin(403, 4003, "grace", "Grace", "grace@example.com", false, JOINED)));
        lms.names(Map.of(ACME, "Acme"));
        String token = accessToken();
        URI next = lms.baseUrl().resolve(LmsStandIn.LEARNERS_PATH + "?enterprise_customer_uuid="
                + ACME.toString().replace("-", "") + "&role=enterprise_admin&page_size=2");
        List<JsonNode> items = new ArrayList<>();
        int pages = 0;
        while (next != null) {
            HttpResponse<String> response = get(next, token);
            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode page = JSON.readTree(response.body());
            assertThat(page.path("count").asInt()).isEqualTo(3);
            page.path("results").forEach(items::add);
            next = page.path("next").isNull() ? null : URI.create(page.path("next").asText());
            pages++;
        }
        assertThat(pages).isEqualTo(2);
        assertThat(items).extracting(i -> i.path("id").asLong()).containsExactly(401L, 402L, 403L);
        assertThat(items.get(0).path("user").path("id").asLong()).isEqualTo(4001);
        assertThat(items.get(0).path("created").asText()).isEqualTo("2024-05-01T10:00:00Z");
        assertThat(items.get(0).path("enterprise_customer").path("name").asText()).isEqualTo("Acme");
        assertThat(items.get(0).path("role_assignments").get(0).asText()).isEqualTo("enterprise_admin");
        assertThat(items.get(2).path("user").path("is_active").asBoolean()).isFalse();
        assertThat(lms.learnerRequests()).isEqualTo(2);
    }

    @Test
    void theLmsRefusesRequestsWithoutItsTokenAndFailsAsScripted() throws Exception {
        lms.fault(LmsStandIn.learnersOf(HOOLI), -1, r -> Answer.json(500, Map.of("detail", "Internal Server Error")));
        URI hooli = lms.baseUrl().resolve(LmsStandIn.LEARNERS_PATH + "?enterprise_customer_uuid=" + HOOLI);
        URI acme = lms.baseUrl().resolve(LmsStandIn.LEARNERS_PATH + "?enterprise_customer_uuid=" + ACME);

        assertThat(get(hooli, accessToken()).statusCode()).isEqualTo(500);
        assertThat(get(acme, "forged").statusCode()).isEqualTo(401);
        assertThat(get(acme, accessToken()).statusCode()).isEqualTo(200);
        assertThat(lms.faultsServed()).isEqualTo(1);
    }

    private HttpResponse<String> trigger(String key, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(braze.baseUrl().resolve(BrazeStandIn.SEND_PATH))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void eachRequestIsAnsweredItsLatencyAfterItArrivesAndRequestsInFlightDoNotQueue() throws Exception {
        lms.latency(300);
        String form = "grant_type=client_credentials&client_id=id&client_secret=secret&token_type=jwt";
        long start = System.nanoTime();
        List<CompletableFuture<Long>> waits = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            long sent = System.nanoTime();
            waits.add(http.sendAsync(tokenRequest(form), HttpResponse.BodyHandlers.ofString()).thenApply(r -> {
                assertThat(r.statusCode()).isEqualTo(200);
                return (System.nanoTime() - sent) / 1_000_000;
            }));
        }
        List<Long> waited = waits.stream().map(CompletableFuture::join).toList();
        long all = (System.nanoTime() - start) / 1_000_000;

        assertThat(waited).allSatisfy(ms -> assertThat(ms).isGreaterThanOrEqualTo(300));
        assertThat(all).as("8 requests of 300 ms at once, not one after another").isLessThan(8 * 300 / 2);
        assertThat(lms.tokensIssued()).isEqualTo(8);
    }

    @Test
    void brazeTakesEachTriggerOnAndAnswersWithADispatchId() throws Exception {
        HttpResponse<String> response = trigger("braze-key", "{\"campaign_id\":\"c75\",\"trigger_properties\":"
                + "{\"enterprise_customer_id\":\"" + ACME + "\"},\"recipients\":[{\"external_user_id\":\"1001\"}]}");

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(JSON.readTree(response.body()).path("message").asText()).isEqualTo("success");
        assertThat(JSON.readTree(response.body()).path("dispatch_id").asText()).isNotBlank();
        assertThat(braze.emails()).containsExactly(new BrazeStandIn.Email("c75", ACME.toString(), "1001"));
        assertThat(braze.recipientsByCampaignAndEnterprise()).containsEntry(List.of("c75", ACME.toString()), 1L);
        assertThat(braze.takeAccepted()).singleElement()
                .satisfies(b -> assertThat(b.path("campaign_id").asText()).isEqualTo("c75"));
        assertThat(braze.takeAccepted()).isEmpty();
    }

    @Test
    void brazeRefusesAWrongKeyWithoutEchoingItAndTakesNothingOn() throws Exception {
        HttpResponse<String> response = trigger("leaked-key", "{\"campaign_id\":\"c75\",\"recipients\":[]}");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).doesNotContain("leaked-key");
        assertThat(braze.emails()).isEmpty();
        assertThat(braze.requests()).hasSize(1);
        assertThat(braze.refusedCount()).isEqualTo(1);
        assertThat(trigger("braze-key", "{\"campaign_id\":\"c75\",\"recipients\":[]}").statusCode()).isEqualTo(400);
    }
}
