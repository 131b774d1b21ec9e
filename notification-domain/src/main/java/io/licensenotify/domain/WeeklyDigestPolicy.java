package io.licensenotify.domain;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Rule 3: the weekly digest is due from the admin's activation date plus {@code firstAfterDays}, then once in every
 * period of {@code everyDays}. Calendar dates, not instants. After missed runs only the current period is sent,
 * never a burst of catch-up mails.
 *
 * <p>A digest is remembered by the start date of its period ({@link DeliveryKey#weeklyDigest}), not by a count of
 * periods, so that a change of the settings keeps its meaning: the current period (under today's settings) has its
 * digest when any digest is recorded on or after the period's start, whatever the settings it was decided under.
 * A period that had a digest before a change gets none after it, one that had none gets exactly one. A change that
 * moves the periods later may bring the next digest sooner than {@code everyDays}, once; a period is never skipped.
 *
 * @param firstAfterDays days from the activation date to the first digest (default 7)
 * @param everyDays      days between digests (default 7)
 */
public record WeeklyDigestPolicy(int firstAfterDays, int everyDays) {
    public static final WeeklyDigestPolicy DEFAULT = new WeeklyDigestPolicy(7, 7);

    public WeeklyDigestPolicy {
        if (firstAfterDays < 0) throw new IllegalArgumentException("first digest after days must be >= 0, was " + firstAfterDays);
        if (everyDays < 1) throw new IllegalArgumentException("digest every days must be >= 1, was " + everyDays);
    }

    /** The date of the first digest for an admin activated on {@code activationDate}. */
    public LocalDate firstDigestDate(LocalDate activationDate) {
        return activationDate.plusDays(firstAfterDays);
    }

    /** The number of the period {@code today} falls in (0 for the first digest's), absent before the first digest date. */
    public OptionalLong weekIndex(LocalDate activationDate, LocalDate today) {
        LocalDate first = firstDigestDate(activationDate);
        if (today.isBefore(first)) return OptionalLong.empty();
        return OptionalLong.of(ChronoUnit.DAYS.between(first, today) / everyDays);
    }

    /** The start of period number {@code weekIndex} under these settings. */
    public LocalDate periodStart(LocalDate activationDate, long weekIndex) {
        if (weekIndex < 0) throw new IllegalArgumentException("week index must not be negative, was " + weekIndex);
        return firstDigestDate(activationDate).plusDays(weekIndex * everyDays);
    }

    /**
     * The start of the period {@code today} falls in: the latest first digest date plus a multiple of
     * {@code everyDays} that is not after {@code today}; absent before the first digest date.
     */
    public Optional<LocalDate> currentPeriod(LocalDate activationDate, LocalDate today) {
        OptionalLong week = weekIndex(activationDate, today);
        return week.isEmpty() ? Optional.empty() : Optional.of(periodStart(activationDate, week.getAsLong()));
    }

    /**
     * The period to send now (its start date), unless a digest that blocks a new one is recorded for a period
     * starting on or after it.
     *
     * @param recordedPeriods the period starts of the admin's recorded digests that block a new one (not failed),
     *                        under whatever settings they were decided
     */
    public Optional<LocalDate> due(LocalDate activationDate, LocalDate today, Collection<LocalDate> recordedPeriods) {
        Optional<LocalDate> period = currentPeriod(activationDate, today);
        if (period.isEmpty()) return Optional.empty();
        for (LocalDate recorded : recordedPeriods) if (!recorded.isBefore(period.get())) return Optional.empty();
        return period;
    }
}
