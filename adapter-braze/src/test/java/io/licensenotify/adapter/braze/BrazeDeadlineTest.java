package io.licensenotify.adapter.braze;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.licensenotify.ports.out.SendOutcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.licensenotify.adapter.braze.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * {@code braze.timeout.read} bounds the whole answer, body included. Braze here sends its status
 * line and then dribbles the body a few bytes at a time for {@link #DRIBBLE}: every single read gets bytes within
 * the read timeout, so only a deadline over the whole call ends the wait. Connect 1 s + read 1 s: each attempt
 * ends within about 2 s, never after the dribble.
 */
class BrazeDeadlineTest {
    private static final Duration DRIBBLE = Duration.ofSeconds(30);
    /** Far below {@link #DRIBBLE}, far above one attempt's deadline. */
    private static final Duration BOUND = Duration.ofSeconds(10);

    @RegisterExtension
    static WireMockExtension braze = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private final LogCapture logs = new LogCapture();

    @AfterEach
    void noLogLineCarriesTheApiKey() {
        logs.close();
        assertThat(logs.lines()).noneMatch(line -> line.contains(API_KEY));
    }

    private static BrazeMessenger messenger() {
        return new BrazeMessenger(settings(braze.baseUrl()).timeouts(Duration.ofSeconds(1), Duration.ofSeconds(1)).build());
    }

    /** The status line after {@code DRIBBLE / 60}, then the body in 60 pieces, one every half second. */
    private static ResponseDefinitionBuilder dribbling(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody(body + " ".repeat(Math.max(0, 60 - body.length())))
                .withChunkedDribbleDelay(60, (int) DRIBBLE.toMillis());
    }

    private static SendOutcome sendOneWithin(BrazeMessenger messenger) {
        return assertTimeoutPreemptively(BOUND, () -> messenger.send(threshold75(List.of(admin(101, 9001)))),
                "the send outlived its deadlines");
    }

    @Test
    void countsA2xxWhoseBodyStallsAsSentWithAnUnknownDispatchIdWithinTheDeadline() {
        braze.stubFor(post(PATH).willReturn(dribbling(201, "{\"dispatch_id\":\"d-late\",\"message\":\"success\"}")));
        BrazeMessenger messenger = messenger();

        SendOutcome outcome = sendOneWithin(messenger);

        assertThat(outcome).isEqualTo(new SendOutcome.Sent(""));
        assertThat(messenger.requestsMade()).isEqualTo(1);
        assertThat(logs.lines()).anyMatch(line -> line.startsWith("WARN") && line.contains("201")
                && line.contains("dispatch id is unknown"));
    }

    @Test
    void refusesA400WhoseBodyStallsByItsStatusSayingTheBodyWasNotRead() {
        braze.stubFor(post(PATH).willReturn(dribbling(400, "{\"message\":\"Invalid Campaign ID\"}")));
        BrazeMessenger messenger = messenger();

        SendOutcome outcome = sendOneWithin(messenger);

        assertThat(outcome).isInstanceOfSatisfying(SendOutcome.Failed.class, f -> {
            assertThat(f.transientFailure()).isFalse();
            assertThat(f.status()).isEqualTo(400);
            assertThat(f.reason()).startsWith("Braze answered 400").contains("body was not read");
        });
        assertThat(messenger.requestsMade()).isEqualTo(1);
    }

    @Test
    void retriesA503WhoseBodyStallsAndFailsTransientlyEachAttemptWithinItsDeadline() {
        braze.stubFor(post(PATH).willReturn(dribbling(503, "{\"message\":\"try later\"}")));
        BrazeMessenger messenger = new BrazeMessenger(settings(braze.baseUrl())
                .timeouts(Duration.ofSeconds(1), Duration.ofSeconds(1))
                .retries(2, Duration.ofMillis(1), Duration.ofMillis(5)).build());

        SendOutcome outcome = sendOneWithin(messenger);

        assertThat(outcome).isInstanceOfSatisfying(SendOutcome.Failed.class, f -> {
            assertThat(f.transientFailure()).isTrue();
            assertThat(f.status()).isEqualTo(503);
            assertThat(f.reason()).startsWith("Braze answered 503").contains("body was not read");
        });
        assertThat(messenger.requestsMade()).isEqualTo(2);
    }

    @Test
    void treatsAStatusLineThatNeverComesAsUnknownWithinTheDeadlineAndSendsOnce() {
        braze.stubFor(post(PATH).willReturn(aResponse().withStatus(201).withBody("{\"dispatch_id\":\"d\"}")
                .withFixedDelay((int) DRIBBLE.toMillis())));
        BrazeMessenger messenger = messenger();

        SendOutcome outcome = sendOneWithin(messenger);

        assertThat(outcome).isInstanceOfSatisfying(SendOutcome.OutcomeUnknown.class,
                u -> assertThat(u.reason()).startsWith("no answer from Braze after sending the request"));
        assertThat(messenger.requestsMade()).isEqualTo(1);
    }

    @Test
    void neverLetsTheHttpClientResendA503ThatAsksForNoWait() {
        // OkHttp on its own resends a request at once after "503, Retry-After: 0": outside the rate limiter and
        // the count of requests. Each attempt of ours must be exactly one request.
        braze.stubFor(post(PATH).willReturn(aResponse().withStatus(503).withHeader("Retry-After", "0")
                .withBody("{\"message\":\"busy\"}")));
        BrazeMessenger messenger = messenger();

        SendOutcome outcome = sendOneWithin(messenger);

        assertThat(outcome).isInstanceOfSatisfying(SendOutcome.Failed.class, f -> {
            assertThat(f.transientFailure()).isTrue();
            assertThat(f.status()).isEqualTo(503);
        });
        assertThat(messenger.requestsMade()).isEqualTo(3);
        assertThat(braze.getAllServeEvents()).hasSize(3);
    }
}
