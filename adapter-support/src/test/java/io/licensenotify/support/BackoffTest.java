package io.licensenotify.support;

import io.github.resilience4j.retry.Retry;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BackoffTest {
    /** A failure that says how long the server asked to wait. */
    static final class Busy extends RuntimeException {
        final Optional<Duration> wait;

        Busy(Optional<Duration> wait) {
            this.wait = wait;
        }
    }

    private static List<Duration> waits(Retry retry) {
        List<Duration> waits = new ArrayList<>();
        retry.getEventPublisher().onRetry(e -> waits.add(e.getWaitInterval()));
        return waits;
    }

    @Test
    void waitsAsTheServerAsksElseDoublingWithJitterUpToTheMax() {
        Backoff backoff = new Backoff(4, Duration.ofMillis(10), Duration.ofMillis(15));
        Retry retry = backoff.retry("test", e -> e instanceof Busy, e -> ((Busy) e).wait);
        List<Duration> waits = waits(retry);
        List<Optional<Duration>> asked = List.of(Optional.empty(), Optional.of(Duration.ofMillis(30)), Optional.empty());
        AtomicInteger calls = new AtomicInteger();

        String result = retry.executeSupplier(() -> {
            int n = calls.getAndIncrement();
            if (n < asked.size()) throw new Busy(asked.get(n));
            return "done";
        });

        assertThat(result).isEqualTo("done");
        assertThat(waits).hasSize(3);
        assertThat(waits.get(0)).isBetween(Duration.ofMillis(5), Duration.ofMillis(15));
        assertThat(waits.get(1)).as("the server's wait, even above the max").isEqualTo(Duration.ofMillis(30));
        assertThat(waits.get(2)).isBetween(Duration.ofMillis(10), Duration.ofMillis(15));
    }

    @Test
    void triesOnlyWhatRetryOnAcceptsAndAtMostMaxAttemptsTimes() {
        Backoff backoff = new Backoff(3, Duration.ofMillis(1), Duration.ofMillis(2));
        AtomicInteger calls = new AtomicInteger();
        Retry busy = backoff.retry("busy", e -> e instanceof Busy);
        assertThatThrownBy(() -> busy.executeRunnable(() -> {
            calls.incrementAndGet();
            throw new Busy(Optional.empty());
        })).isInstanceOf(Busy.class);
        assertThat(calls).hasValue(3);

        calls.set(0);
        assertThatThrownBy(() -> busy.executeRunnable(() -> {
            calls.incrementAndGet();
            throw new IllegalArgumentException("permanent");
        })).isInstanceOf(IllegalArgumentException.class);
        assertThat(calls).hasValue(1);
    }

    @Test
    void refusesBackoffsThatCannotWork() {
        assertThatThrownBy(() -> new Backoff(0, Duration.ofMillis(1), Duration.ofMillis(1))).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> new Backoff(2, Duration.ofMillis(5), Duration.ofMillis(1))).hasMessageContaining("shorter");
        assertThatThrownBy(() -> new Backoff(2, Duration.ZERO, Duration.ofMillis(1))).hasMessageContaining("positive");
    }
}
