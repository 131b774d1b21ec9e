package io.licensenotify.standin;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What a scripted fault does to a client: an answer late, one whose body trickles, one given a few times only. */
class FaultsTest {
    private final HttpClient http = HttpClient.newHttpClient();
    private final StandIn server = new StandIn("test") {
        @Override
        protected Answer answer(Received request) {
            return Answer.json(200, Map.of("ok", true));
        }
    };

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpRequest get(String path, Duration timeout) {
        return HttpRequest.newBuilder(server.baseUrl().resolve(path)).timeout(timeout).GET().build();
    }

    @Test
    void aLateAnswerSendsNothingUntilThenSoAClientTimesOutButTheRequestIsRecorded() {
        server.fault(r -> r.path().equals("/late"), -1, r -> Answer.status(200).late(3_000));

        assertThatThrownBy(() -> http.send(get("/late", Duration.ofMillis(300)), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(HttpTimeoutException.class);
        assertThat(server.received()).extracting(Received::path).containsExactly("/late");
        assertThat(server.accepted()).hasSize(1);
    }

    @Test
    void aTricklingAnswerSendsItsStatusAtOnceAndItsBodyOverTime() throws Exception {
        server.fault(r -> true, 1, r -> Answer.json(201, "{\"dispatch_id\":\"slow\"}").trickling(4, 800));
        long began = System.nanoTime();

        HttpResponse<InputStream> response = http.send(get("/x", Duration.ofSeconds(5)), HttpResponse.BodyHandlers.ofInputStream());
        long statusAfter = System.nanoTime() - began;
        String body;
        try (InputStream in = response.body()) {
            body = new String(in.readAllBytes());
        }
        long bodyAfter = System.nanoTime() - began;

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(Duration.ofNanos(statusAfter)).isLessThan(Duration.ofMillis(500));
        assertThat(Duration.ofNanos(bodyAfter)).isGreaterThanOrEqualTo(Duration.ofMillis(500));
        assertThat(body).isEqualTo("{\"dispatch_id\":\"slow\"}");
    }

    @Test
    void aFaultGivenTwiceIsServedTwiceThenTheNormalAnswerAndHealingEndsEveryFault() throws Exception {
        server.fault(r -> true, 2, r -> Answer.status(503).withHeader("Retry-After", "1"));
        server.fault(r -> r.path().equals("/always"), -1, r -> Answer.status(500));

        HttpResponse<String> first = http.send(get("/x", Duration.ofSeconds(5)), HttpResponse.BodyHandlers.ofString());
        assertThat(first.statusCode()).isEqualTo(503);
        assertThat(first.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(http.send(get("/x", Duration.ofSeconds(5)), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(503);
        assertThat(http.send(get("/x", Duration.ofSeconds(5)), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        assertThat(http.send(get("/always", Duration.ofSeconds(5)), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(500);
        server.heal();
        assertThat(http.send(get("/always", Duration.ofSeconds(5)), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        assertThat(server.faultsServed()).isEqualTo(3);
        assertThat(server.refusedCount()).isEqualTo(3);
    }

    @Test
    void withoutRecordingOnlyCountsAreKeptAndTheLatencyDelaysEveryAnswer() throws Exception {
        server.recording(false);
        server.latency(200);
        long began = System.nanoTime();

        assertThat(http.send(get("/x?a=1", Duration.ofSeconds(5)), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);

        assertThat(Duration.ofNanos(System.nanoTime() - began)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
        assertThat(server.received()).isEmpty();
        assertThat(server.requestCount()).isEqualTo(1);
        server.forget();
        assertThat(server.requestCount()).isZero();
    }
}
