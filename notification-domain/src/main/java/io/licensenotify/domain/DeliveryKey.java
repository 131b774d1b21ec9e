package io.licensenotify.domain;

import java.util.Objects;
import java.util.UUID;

/**
 * What makes a delivery unique: at most one email is ever sent per key.
 *
 * @param scope  the plan uuid for thresholds, the enterprise uuid for the weekly digest
 * @param period the plan's arming generation for thresholds (0 unless re-armed); the week index for the digest
 */
public record DeliveryKey(long ecuId, UUID enterprise, NotificationKind kind, String scope, long period) {
    public DeliveryKey {
        if (ecuId <= 0) throw new IllegalArgumentException("ECU id must be positive, was " + ecuId);
        Objects.requireNonNull(enterprise, "enterprise");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(scope, "scope");
        if (scope.isBlank()) throw new IllegalArgumentException("scope must not be blank");
        if (period < 0) throw new IllegalArgumentException("period must not be negative, was " + period);
    }

    /** The key of threshold {@code percent} of {@code plan} for one admin (generation 0). */
    public static DeliveryKey threshold(long ecuId, UUID enterprise, int percent, UUID plan) {
        return threshold(ecuId, enterprise, percent, plan, 0);
    }

    /** The key of threshold {@code percent} of {@code plan} for one admin in arming generation {@code generation}. */
    public static DeliveryKey threshold(long ecuId, UUID enterprise, int percent, UUID plan, long generation) {
        return new DeliveryKey(ecuId, enterprise, NotificationKind.threshold(percent), plan.toString(), generation);
    }

    /** The key of the digest of week {@code weekIndex} for one admin of one enterprise. */
    public static DeliveryKey weeklyDigest(long ecuId, UUID enterprise, long weekIndex) {
        return new DeliveryKey(ecuId, enterprise, NotificationKind.WEEKLY_DIGEST, enterprise.toString(), weekIndex);
    }
}
