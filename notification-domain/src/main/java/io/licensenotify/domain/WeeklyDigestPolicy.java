package io.licensenotify.domain;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.OptionalLong;

/**
 * Rule 3: the weekly digest is due from the admin's activation date plus {@code firstAfterDays}, then every
 * {@code everyDays}, once per week index. Calendar dates, not instants. After missed runs only the current
 * week is sent, never a burst of catch-up mails.
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

    /** The week index of {@code today} (0 for the first digest week), absent before the first digest date. */
    public OptionalLong weekIndex(LocalDate activationDate, LocalDate today) {
        LocalDate first = firstDigestDate(activationDate);
        if (today.isBefore(first)) return OptionalLong.empty();
        return OptionalLong.of(ChronoUnit.DAYS.between(first, today) / everyDays);
    }

    /** The week index to send now, if its digest was not recorded yet. */
    public OptionalLong due(LocalDate activationDate, LocalDate today, Collection<Long> recordedWeeks) {
        OptionalLong week = weekIndex(activationDate, today);
        if (week.isEmpty() || recordedWeeks.contains(week.getAsLong())) return OptionalLong.empty();
        return week;
    }
}
