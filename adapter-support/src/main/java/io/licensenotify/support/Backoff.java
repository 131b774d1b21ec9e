package io.licensenotify.support;

import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * How a call is tried again: at most {@code maxAttempts} attempts (the first included), waiting {@code initial}
 * before the second, doubling each time up to {@code max}, each wait moved by up to half of itself at random (jitter,
 * so that the workers of a run that failed together do not come back together).
 *
 * @param maxAttempts attempts in all, at least 1
 * @param initial     the wait before the second attempt
 * @param max         the longest wait between attempts
 */
public record Backoff(int maxAttempts, Duration initial, Duration max) {
    /** What the LMS and Braze adapters use: 4 attempts, 0.5 s doubling to 10 s (docs/operating.md "What is tried again, and what is not"). */
    public static final Backoff DEFAULT = new Backoff(4, Duration.ofMillis(500), Duration.ofSeconds(10));

    public Backoff {
        if (maxAttempts < 1) throw new IllegalArgumentException("max attempts must be at least 1, was " + maxAttempts);
        Durations.positive(initial, "initial backoff");
        Durations.positive(max, "max backoff");
        if (max.compareTo(initial) < 0)
            throw new IllegalArgumentException("max backoff " + max + " is shorter than the initial backoff " + initial);
    }

    /** The waits without a server's say: exponential with jitter. */
    public IntervalFunction interval() {
        return IntervalFunction.ofExponentialRandomBackoff(initial, 2.0, 0.5, max);
    }

    /**
     * A resilience4j retry that tries again after the failures {@code retryOn} accepts. Where {@code serverWait} finds
     * a wait the server asked for in the failure (a {@code Retry-After}, a rate-limit reset), that wait is taken as
     * given, else the backoff's; the caller decides how much of a server's wait it honours.
     */
    public <T> Retry retry(String name, Predicate<Throwable> retryOn, Function<Throwable, Optional<Duration>> serverWait) {
        Objects.requireNonNull(serverWait, "serverWait");
        IntervalFunction backoff = interval();
        IntervalBiFunction<T> wait = (attempt, outcome) -> outcome.isLeft()
                ? serverWait.apply(outcome.getLeft()).map(Duration::toMillis).orElseGet(() -> backoff.apply(attempt))
                : backoff.apply(attempt);
        return Retry.of(name, RetryConfig.<T>custom()
                .maxAttempts(maxAttempts)
                .intervalBiFunction(wait)
                .retryOnException(retryOn)
                .build());
    }

    /** {@link #retry(String, Predicate, Function)} for failures that never carry a server's wait. */
    public <T> Retry retry(String name, Predicate<Throwable> retryOn) {
        return retry(name, retryOn, failure -> Optional.empty());
    }
}
