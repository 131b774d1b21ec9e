package io.licensenotify.domain;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * What makes a delivery unique: at most one email is ever sent per key.
 *
 * @param scope  the plan uuid for thresholds, the enterprise uuid for the weekly digest
 * @param period the plan's arming generation for thresholds (0 unless re-armed); for the digest the start date of its
 *               period, written as the number {@code yyyymmdd} (20261207 for 7 December 2026), so that it keeps its
 *               meaning when the digest's settings change (rule 3, {@link WeeklyDigestPolicy})
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

    /** The key of the digest of the period starting on {@code periodStart} for one admin of one enterprise. */
    public static DeliveryKey weeklyDigest(long ecuId, UUID enterprise, LocalDate periodStart) {
        return new DeliveryKey(ecuId, enterprise, NotificationKind.WEEKLY_DIGEST, enterprise.toString(),
                digestPeriod(periodStart));
    }

    /** A digest period's start date as the key's {@code period}: {@code yyyymmdd}, ordered as the dates are. */
    public static long digestPeriod(LocalDate periodStart) {
        if (periodStart.getYear() < 1000 || periodStart.getYear() > 9999)
            throw new IllegalArgumentException("digest period outside the years 1000 to 9999: " + periodStart);
        return periodStart.getYear() * 10_000L + periodStart.getMonthValue() * 100L + periodStart.getDayOfMonth();
    }

    /**
     * For a digest, the start date of its period; absent for a threshold, and for a digest recorded before periods
     * were dates, whose {@code period} is still a count of periods from the first digest date (a number below
     * 10000101, which no date of this form is).
     */
    public Optional<LocalDate> digestPeriodStart() {
        if (!(kind instanceof NotificationKind.WeeklyDigest) || period < 10_000_101L) return Optional.empty();
        try {
            return Optional.of(LocalDate.of((int) (period / 10_000), (int) (period / 100 % 100), (int) (period % 100)));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }
}
