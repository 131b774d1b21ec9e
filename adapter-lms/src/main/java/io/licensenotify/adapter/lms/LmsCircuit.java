package io.licensenotify.adapter.lms;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The circuit breaker around each enterprise's lookup (resilience4j's {@link CircuitBreaker}). When
 * the LMS fails ({@link LmsCallFailure.Scope#LMS}: its token endpoint, no answer, 5xx, 429, 401, 403) for
 * {@code lms.circuit.failure-threshold} enterprises in a row, the circuit opens and stays open for the rest of the
 * run: every later lookup fails at once, with no request, for one shared reason. A failure of one enterprise's own
 * answer (malformed, 404, too long, a foreign link) shows that the LMS answers, so it counts as a success here.
 */
final class LmsCircuit {
    private static final Logger log = LoggerFactory.getLogger(LmsCircuit.class);

    private final CircuitBreaker breaker;
    private final int threshold;
    private final AtomicReference<LmsCallFailure> lastFailure = new AtomicReference<>();
    private final AtomicReference<String> openReason = new AtomicReference<>();

    LmsCircuit(int threshold) {
        this.threshold = threshold;
        // the last `threshold` lookups all failed, and only then; slow lookups are not failures
        breaker = CircuitBreaker.of("lms", CircuitBreakerConfig.custom()
                .slidingWindow(threshold, threshold, CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .failureRateThreshold(100)
                .slowCallRateThreshold(100)
                .slowCallDurationThreshold(Duration.ofDays(1))
                .writableStackTraceEnabled(false)
                .build());
    }

    /**
     * Runs one enterprise's lookup, unless the circuit is open.
     *
     * @throws LmsCallFailure the lookup's own failure, or a {@link LmsCallFailure.Scope#RUN} one when open
     */
    <T> T call(Supplier<T> lookup) {
        if (!breaker.tryAcquirePermission()) throw open();
        long start = System.nanoTime();
        try {
            T result = lookup.get();
            breaker.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            return result;
        } catch (LmsCallFailure failure) {
            switch (failure.scope()) {
                case LMS -> failed(failure, System.nanoTime() - start);
                case ENTERPRISE -> breaker.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
                case RUN -> breaker.releasePermission();
            }
            throw failure;
        } catch (RuntimeException | Error e) {
            breaker.releasePermission();
            throw e;
        }
    }

    private void failed(LmsCallFailure failure, long nanos) {
        lastFailure.set(failure);
        breaker.onError(nanos, TimeUnit.NANOSECONDS, failure);
        if (breaker.getState() == CircuitBreaker.State.OPEN) {
            // never half-open: the LMS is not asked again this run, and the next run starts closed
            breaker.transitionToForcedOpenState();
            log.warn("LMS lookups stopped for the rest of the run: {}", reason());
        }
    }

    private LmsCallFailure open() {
        return new LmsCallFailure(null, 0, true, LmsCallFailure.Scope.RUN, reason(), null);
    }

    /** Set once, from the failure that opened the circuit or one beside it: the same text for every enterprise. */
    private String reason() {
        return openReason.updateAndGet(reason -> reason != null ? reason
                : "the LMS failed for " + threshold + " enterprises in a row (the last: "
                + describe(lastFailure.get()) + "); no LMS request is made for the rest of the run");
    }

    private static String describe(LmsCallFailure failure) {
        return failure == null ? "unknown" : failure.describe();
    }
}
