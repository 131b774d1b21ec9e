package io.licensenotify.application;

import io.licensenotify.domain.UncertainPolicy;

import java.time.Duration;
import java.util.Objects;

/**
 * How a run behaves.
 *
 * @param concurrency     how many LMS requests are made at once (default 8); the run has twice as many workers
 * @param claimLease      how old a pending claim must be before it counts as left by a dead run (default 1 hour)
 * @param uncertainPolicy what to do with such claims (default: at most once, never resend)
 * @param batching        how deliveries share a request (default: packed across enterprises)
 * @param packLinger      how long a packed request that is not full waits for more recipients (default 300 ms)
 */
public record RunSettings(int concurrency, Duration claimLease, UncertainPolicy uncertainPolicy, Batching batching,
                          Duration packLinger) {
    public static final Duration DEFAULT_PACK_LINGER = Duration.ofMillis(300);
    public static final RunSettings DEFAULT = new RunSettings(8, Duration.ofHours(1), UncertainPolicy.SKIP);

    /** How the deliveries of a run share the messaging service's requests (docs/design.md "What goes to Braze"). */
    public enum Batching {
        /** Recipients of many enterprises in one request, up to its limit: the fewest requests. */
        PACKED,
        /** Each request holds one enterprise's recipients of one kind. */
        ENTERPRISE
    }

    public RunSettings {
        if (concurrency < 1 || concurrency > 256)
            throw new IllegalArgumentException("concurrency must be within 1..256, was " + concurrency);
        Objects.requireNonNull(claimLease, "claimLease");
        if (claimLease.isNegative() || claimLease.isZero())
            throw new IllegalArgumentException("claim lease must be positive, was " + claimLease);
        Objects.requireNonNull(uncertainPolicy, "uncertainPolicy");
        Objects.requireNonNull(batching, "batching");
        Objects.requireNonNull(packLinger, "packLinger");
        if (packLinger.isNegative()) throw new IllegalArgumentException("pack linger must not be negative, was "
                + packLinger);
    }

    /** Packed requests with the default linger. */
    public RunSettings(int concurrency, Duration claimLease, UncertainPolicy uncertainPolicy) {
        this(concurrency, claimLease, uncertainPolicy, Batching.PACKED, DEFAULT_PACK_LINGER);
    }

    public RunSettings with(Batching batching) {
        return new RunSettings(concurrency, claimLease, uncertainPolicy, batching, packLinger);
    }

    public RunSettings withPackLinger(Duration linger) {
        return new RunSettings(concurrency, claimLease, uncertainPolicy, batching, linger);
    }
}
