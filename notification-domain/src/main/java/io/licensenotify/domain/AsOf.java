package io.licensenotify.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;

/**
 * The calendar day a run evaluates, in the configured zone. Rules compare dates, not instants
 * (docs/design.md, rule 3), so a run at 02:05 and one at 01:55 on the same date decide alike.
 */
public record AsOf(LocalDate date, ZoneId zone) {
    public AsOf {
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(zone, "zone");
    }

    /** The first instant of {@link #date} in {@link #zone}. */
    public Instant startOfDay() {
        return date.atStartOfDay(zone).toInstant();
    }

    /** The first instant of the day after {@link #date}: the exclusive end of the day. */
    public Instant startOfNextDay() {
        return date.plusDays(1).atStartOfDay(zone).toInstant();
    }

    /** The calendar date of an instant in this zone. */
    public LocalDate dateOf(Instant instant) {
        return LocalDate.ofInstant(instant, zone);
    }

    /** True when a window that starts at {@code start} and ends at {@code expiration} includes this day. */
    public boolean within(Instant start, Instant expiration) {
        return start.isBefore(startOfNextDay()) && !expiration.isBefore(startOfDay());
    }
}
