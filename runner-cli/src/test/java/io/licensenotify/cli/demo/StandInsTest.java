package io.licensenotify.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class StandInsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final LmsStandIn lms;
    private final BrazeStandIn braze;

    StandInsTest() throws Exception {
        lms = LmsStandIn.start("id", "secret", DemoData.admins(LocalDate.of(2024, 5, 31)), DemoData.names(),
                DemoData.LMS_FAILS_FOR);
        braze = BrazeStandIn.start("braze-key");
    }

    @AfterEach
    void stop() {
        lms.close();
        braze.close();
    }

    private HttpResponse<String> token(String form) throws Exception {
        return http.send(HttpRequest.newBuilder(lms.baseUrl().resolve(LmsStandIn.TOKEN_PATH))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
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
        assertThat(accessToken()).isNotBlank();
        assertThat(token("grant_type=client_credentials&client_id=id&client_secret=wrong").statusCode()).isEqualTo(401);
        assertThat(lms.tokensIssued()).isEqualTo(1);
    }

    @Test
    void theLmsPagesThroughAnEnterprisesAdminsByFollowingNext() throws Exception {
        String token = accessToken();
        URI next = lms.baseUrl().resolve(LmsStandIn.LEARNER_PATH + "?enterprise_customer_uuid="
                + DemoData.UMBRELLA.toString().replace("-", "") + "&role=enterprise_admin&page_size=2");
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
        assertThat(items.get(2).path("user").path("is_active").asBoolean()).isFalse();
    }

    @Test
    void theLmsFailsForTheFailingEnterpriseAndRefusesRequestsWithoutAToken() throws Exception {
        URI hooli = lms.baseUrl().resolve(LmsStandIn.LEARNER_PATH + "?enterprise_customer_uuid=" + DemoData.HOOLI);
        assertThat(get(hooli, accessToken()).statusCode()).isEqualTo(500);
        assertThat(get(hooli, "forged").statusCode()).isEqualTo(401);
    }

    private HttpResponse<String> trigger(String key, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(braze.baseUrl().resolve(BrazeStandIn.SEND_PATH))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void brazeRecordsEachTriggerAndAnswersWithADispatchId() throws Exception {
        HttpResponse<String> response = trigger("braze-key",
                "{\"campaign_id\":\"c75\",\"recipients\":[{\"external_user_id\":\"1001\"}]}");
        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(JSON.readTree(response.body()).path("message").asText()).isEqualTo("success");
        assertThat(JSON.readTree(response.body()).path("dispatch_id").asText()).isNotBlank();
        assertThat(braze.takeReceived()).singleElement()
                .satisfies(b -> assertThat(b.path("campaign_id").asText()).isEqualTo("c75"));
        assertThat(braze.takeReceived()).isEmpty();
    }

    @Test
    void brazeRefusesAWrongKeyWithoutEchoingItAndRecordsNothing() throws Exception {
        HttpResponse<String> response = trigger("leaked-key", "{\"campaign_id\":\"c75\",\"recipients\":[]}");
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).doesNotContain("leaked-key");
        assertThat(braze.takeReceived()).isEmpty();
    }
}
