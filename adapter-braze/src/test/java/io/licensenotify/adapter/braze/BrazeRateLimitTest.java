package io.licensenotify.adapter.braze;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.licensenotify.ports.out.SendOutcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.licensenotify.adapter.braze.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

class BrazeRateLimitTest {
    private static final int PERMITS = 5;
    private static final Duration PERIOD = Duration.ofMillis(500);
    private static final int SENDERS = 20;

    @RegisterExtension
    static WireMockExtension braze = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().containerThreads(SENDERS + 10)).build();

    @Test
    void holdsTwentyConcurrentSendersUnderTheConfiguredLimit() throws Exception {
        braze.stubFor(post(PATH).willReturn(aResponse().withStatus(201).withBody("{\"dispatch_id\":\"d\"}")));
        // warm the JVM and the server up with another instance, so that arrival times reflect the limiter only
        new BrazeMessenger(settings(braze.baseUrl()).build()).send(threshold75(List.of(admin(1, 1))));
        braze.resetRequests();
        BrazeMessenger messenger = new BrazeMessenger(settings(braze.baseUrl()).rateLimit(PERMITS, PERIOD).build());

        ExecutorService pool = Executors.newFixedThreadPool(SENDERS);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<SendOutcome>> outcomes = new ArrayList<>();
        for (int i = 0; i < SENDERS; i++) {
            long id = 100 + i;
            outcomes.add(pool.submit(() -> {
                start.await();
                return messenger.send(threshold75(List.of(admin(id, id))));
            }));
        }
        start.countDown();
        pool.shutdown();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

        for (Future<SendOutcome> outcome : outcomes) assertThat(outcome.get()).isInstanceOf(SendOutcome.Sent.class);
        assertThat(messenger.requestsMade()).isEqualTo(SENDERS);
        List<Long> arrivals = braze.getAllServeEvents().stream()
                .map(ServeEvent::getRequest).map(r -> r.getLoggedDate().getTime()).sorted().toList();
        assertThat(arrivals).hasSize(SENDERS);
        // The limiter grants PERMITS per fixed PERIOD, so any sliding PERIOD overlaps two windows at most and sees
        // at most 2 * PERMITS requests; without the limiter all 20 arrive within a few milliseconds.
        for (int i = 0; i < arrivals.size(); i++) {
            long from = arrivals.get(i);
            long inWindow = arrivals.stream().filter(t -> t >= from && t < from + PERIOD.toMillis()).count();
            assertThat(inWindow).as("requests in the %s after the %dth", PERIOD, i).isLessThanOrEqualTo(2 * PERMITS);
        }
        // and 20 requests at 5 per window need four windows: the last starts at least two periods after the first
        assertThat(arrivals.get(SENDERS - 1) - arrivals.get(0)).isGreaterThanOrEqualTo(2 * PERIOD.toMillis());
    }
}
