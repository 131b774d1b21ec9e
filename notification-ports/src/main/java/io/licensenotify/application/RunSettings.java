package io.licensenotify.application;

import io.licensenotify.domain.UncertainPolicy;

import java.time.Duration;
import java.util.Objects;

/**
 * How a run behaves.
 *
 * @param concurrency     how many enterprises are processed at once (default 8)
 * @param claimLease      how old a pending claim must be before it counts as left by a dead run (default 1 hour)
 * @param uncertainPolicy what to do with such claims (default: at most once, never resend)
 */
public record RunSettings(int concurrency, Duration claimLease, UncertainPolicy uncertainPolicy) {
    public static final RunSettings DEFAULT = new RunSettings(8, Duration.ofHours(1), UncertainPolicy.SKIP);

    public RunSettings {
        if (concurrency < 1 || concurrency > 256)
            throw new IllegalArgumentException("concurrency must be within 1..256, was " + concurrency);
        Objects.requireNonNull(claimLease, "claimLease");
        if (claimLease.isNegative() || claimLease.isZero())
            throw new IllegalArgumentException("claim lease must be positive, was " + claimLease);
        Objects.requireNonNull(uncertainPolicy, "uncertainPolicy");
    }
}
