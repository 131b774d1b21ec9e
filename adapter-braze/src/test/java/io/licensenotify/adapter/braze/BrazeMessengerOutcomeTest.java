package io.licensenotify.adapter.braze;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.licensenotify.ports.out.SendOutcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.licensenotify.adapter.braze.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * How each answer (or its absence) becomes a {@link SendOutcome}, and how many requests that took. After every
 * test: the API key is in no log line.
 */
class BrazeMessengerOutcomeTest {

    @RegisterExtension
    static WireMockExtension braze = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private final LogCapture logs = new LogCapture();

    @AfterEach
    void noLogLineCarriesTheApiKey() {
        logs.close();
        assertThat(logs.lines()).noneMatch(line -> line.contains(API_KEY));
    }

    private static BrazeMessenger messenger() {
        return new BrazeMessenger(settings(braze.baseUrl()).build());
    }

    private static SendOutcome sendOne(BrazeMessenger messenger) {
        return messenger.send(threshold75(List.of(admin(101, 9001))));
    }

    private static void stubSequence(String scenario, com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder... answers) {
        String state = STARTED;
        for (int i = 0; i < answers.length; i++) {
            String next = i + 1 < answers.length ? "answer " + (i + 1) : state;
            braze.stubFor(post(PATH).inScenario(scenario).whenScenarioStateIs(state).willSetStateTo(next)
                    .willReturn(answers[i]));
            state = next;
        }
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder accepted() {
        return aResponse().withStatus(201).withBody("{\"dispatch_id\":\"d-ok\",\"message\":\"success\"}");
    }

    /** Server-side arrival times, oldest first. */
    private static List<Instant> arrivals() {
        return braze.getAllServeEvents().stream().map(ServeEvent::getRequest)
                .map(r -> r.getLoggedDate().toInstant()).sorted(Comparator.naturalOrder()).toList();
    }

    /** WireMock may journal a request only after its (delayed) answer: wait for it, bounded. */
    private static int serverRequestsAfterWaiting(int atLeast) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (braze.getAllServeEvents().size() < atLeast && System.nanoTime() < deadline) Thread.sleep(20);
        return braze.getAllServeEvents().size();
    }

    @Test
    void waitsForTheRateLimitResetAfterA429AndThenSendsOnce() {
        long reset = Instant.now().getEpochSecond() + 2;
        // lower case, as Braze sends it over HTTP/2
        stubSequence("429", aResponse().withStatus(429).withHeader("x-ratelimit-reset", String.valueOf(reset))
                .withBody("{\"message\":\"rate limited\"}"), accepted());
        BrazeMessenger messenger = messenger();

        assertThat(sendOne(messenger)).isEqualTo(new SendOutcome.Sent("d-ok"));
        List<Instant> arrivals = arrivals();
        assertThat(arrivals).hasSize(2);
        assertThat(arrivals.get(1)).isAfterOrEqualTo(Instant.ofEpochSecond(reset));
        assertThat(messenger.requestsMade()).isEqualTo(2);
    }

    @Test
    void honoursRetryAfterWhenTheResetHeaderIsEmpty() {
        stubSequence("retry-after", aResponse().withStatus(429).withHeader("X-RateLimit-Reset", "")
                .withHeader("Retry-After", "1"), accepted());

        assertThat(sendOne(messenger())).isEqualTo(new SendOutcome.Sent("d-ok"));
        List<Instant> arrivals = arrivals();
        assertThat(arrivals).hasSize(2);
        assertThat(Duration.between(arrivals.get(0), arrivals.get(1))).isGreaterThanOrEqualTo(Duration.ofMillis(900));
    }

    @Test
    void givesUpAtOnceAsTransientWhenTheRateLimitResetsLaterThanTheLongestWait() {
        long reset = Instant.now().getEpochSecond() + 3600;
        braze.stubFor(post(PATH).willReturn(aResponse().withStatus(429)
                .withHeader("X-RateLimit-Reset", String.valueOf(reset))));
        BrazeMessenger messenger = messenger();

        SendOutcome outcome = sendOne(messenger);

        assertThat(outcome).isInstanceOfSatisfying(SendOutcome.Failed.class, f -> {
            assertThat(f.transientFailure()).isTrue();
            assertThat(f.status()).isEqualTo(429);
        });
        assertThat(braze.getAllServeEvents()).hasSize(1);
    }

    @Test
    void retriesServerErrorsAndSendsOnTheThirdAttempt() {
        stubSequence("500", aResponse().withStatus(500).withBody("{\"message\":\"oops\"}"),
                aResponse().withStatus(503), accepted());
        BrazeMessenger messenger = messenger();

        assertThat(sendOne(messenger)).isEqualTo(new SendOutcome.Sent("d-ok"));
        assertThat(braze.getAllServeEvents()).hasSize(3);
        assertThat(messenger.requestsMade()).isEqualTo(3);
    }

    @Test
    void failsTransientlyAfterTheConfiguredAttemptsWhenBrazeKeepsFailing() {
        braze.stubFor(post(PATH).willReturn(aResponse().withStatus(500).withBody("{\"message\":\"internal error\"}")));
        BrazeMessenger messenger = new BrazeMessenger(settings(braze.baseUrl())
                .retries(4, Duration.ofMillis(1), Duration.ofMillis(5)).build());

        SendOutcome outcome = sendOne(messenger);

        assertThat(outcome).isEqualTo(new SendOutcome.Failed(true, 500, "Braze answered 500: internal error"));
        assertThat(braze.getAllServeEvents()).hasSize(4);
        assertThat(messenger.requestsMade()).isEqualTo(4);
    }

    @Test
    void failsPermanentlyWithBrazesMessageAndNoRetryOnA400() {
        braze.stubFor(post(PATH).willReturn(aResponse().withStatus(400)
                .withBody("{\"message\":\"Invalid Campaign ID\",\"errors\":[]}")));

        SendOutcome outcome = sendOne(messenger());

        assertThat(outcome).isEqualTo(new SendOutcome.Failed(false, 400, "Braze answered 400: Invalid Campaign ID"));
        assertThat(braze.getAllServeEvents()).hasSize(1);
    }

    @Test
    void neverCarriesTheApiKeyBrazeEchoesOnA401() {
        braze.stubFor(post(PATH).willReturn(aResponse().withStatus(401)
                .withHeader("X-RateLimit-Reset", "")
                .withBody("{\"message\":\"Invalid API key: " + API_KEY + "\"}")));

        SendOutcome outcome = sendOne(messenger());

        assertThat(outcome).isInstanceOfSatisfying(SendOutcome.Failed.class, f -> {
            assertThat(f.transientFailure()).isFalse();
            assertThat(f.status()).isEqualTo(401);
            assertThat(f.reason()).isEqualTo("Braze answered 401: Invalid API key: ****");
        });
        assertThat(outcome.toString()).doesNotContain(API_KEY);
        assertThat(braze.getAllServeEvents()).hasSize(1);
    }

    @Test
    void treatsAReadTimeoutAsUnknownAndMakesExactlyOneRequest() throws InterruptedException {
        braze.stubFor(post(PATH).willReturn(accepted().withFixedDelay(1500)));
        BrazeMessenger messenger = new BrazeMessenger(settings(braze.baseUrl())
                .timeouts(Duration.ofSeconds(1), Duration.ofMillis(300)).build());

        SendOutcome outcome = sendOne(messenger);

        assertThat(outcome).isInstanceOfSatisfying(SendOutcome.OutcomeUnknown.class,
                u -> assertThat(u.reason()).startsWith("no answer from Braze after sending the request"));
        assertThat(messenger.requestsMade()).isEqualTo(1);
        assertThat(serverRequestsAfterWaiting(1)).isEqualTo(1);
    }

    @Test
    void treatsAConnectionResetAfterTheRequestAsUnknownAndMakesExactlyOneRequest() throws InterruptedException {
        braze.stubFor(post(PATH).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        BrazeMessenger messenger = messenger();

        SendOutcome outcome = sendOne(messenger);

        assertThat(outcome).isInstanceOf(SendOutcome.OutcomeUnknown.class);
        assertThat(messenger.requestsMade()).isEqualTo(1);
        assertThat(serverRequestsAfterWaiting(1)).isEqualTo(1);
    }

    @Test
    void treatsAResetOnAReusedConnectionAsUnknownAndNeverResendsTheRequestByItself() throws InterruptedException {
        // the second request goes over the kept-alive connection of the first; an HTTP client that "recovers" from
        // the reset by sending it again on a new connection may send an email Braze already took on
        stubSequence("reused", accepted(), aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER), accepted());
        BrazeMessenger messenger = messenger();

        assertThat(sendOne(messenger)).isEqualTo(new SendOutcome.Sent("d-ok"));
        SendOutcome outcome = sendOne(messenger);

        assertThat(outcome).isInstanceOf(SendOutcome.OutcomeUnknown.class);
        assertThat(messenger.requestsMade()).isEqualTo(2);
        assertThat(serverRequestsAfterWaiting(2)).isEqualTo(2);
    }

    @Test
    void retriesARefusedConnectionAndThenFailsTransiently() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        BrazeMessenger messenger = new BrazeMessenger(settings("http://localhost:" + closedPort).build());

        SendOutcome outcome = sendOne(messenger);

        assertThat(outcome).isInstanceOfSatisfying(SendOutcome.Failed.class, f -> {
            assertThat(f.transientFailure()).isTrue();
            assertThat(f.status()).isZero();
            assertThat(f.reason()).startsWith("could not connect to Braze");
        });
        assertThat(messenger.requestsMade()).isEqualTo(3);
    }
}
