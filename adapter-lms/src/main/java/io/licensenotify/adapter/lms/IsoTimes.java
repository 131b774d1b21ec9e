package io.licensenotify.adapter.lms;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The instant of an ECU's {@code created}: ISO-8601 with an offset or {@code Z}, often with microseconds, or a bare
 * time taken as UTC. The shape Django writes, {@code 2024-03-01T10:15:30.123456Z} or {@code …+02:00}, is read by
 * hand: it is one per admin in a run, and {@link java.time.format.DateTimeFormatter} costs a run at 10,000
 * enterprises about 4 % of its CPU (BENCHMARKS.md, "Where a packed run's CPU goes").
 * Anything else goes to {@link OffsetDateTime#parse} and then {@link LocalDateTime#parse}, so what they accept is
 * what is accepted, and what they refuse is refused.
 */
final class IsoTimes {
    private IsoTimes() {
    }

    /** The instant {@code value} names, or empty when it is no ISO-8601 date-time. */
    static Optional<Instant> instant(String value) {
        Instant quick = quick(value);
        if (quick != null) return Optional.of(quick);
        try {
            return Optional.of(OffsetDateTime.parse(value).toInstant());
        } catch (DateTimeParseException withoutOffset) {
            try {
                return Optional.of(LocalDateTime.parse(value).toInstant(ZoneOffset.UTC));
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }
    }

    /** {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}](Z|±HH:MM)}, or null for any other shape or a field out of range. */
    static Instant quick(String s) {
        int n = s.length();
        if (n < 20 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':'
                || s.charAt(16) != ':') return null;
        int year = digits(s, 0, 4), month = digits(s, 5, 2), day = digits(s, 8, 2);
        int hour = digits(s, 11, 2), minute = digits(s, 14, 2), second = digits(s, 17, 2);
        if ((year | month | day | hour | minute | second) < 0) return null;
        int i = 19, nanos = 0;
        if (s.charAt(i) == '.') {
            int start = ++i;
            while (i < n && i - start < 9 && isDigit(s.charAt(i))) nanos = nanos * 10 + (s.charAt(i++) - '0');
            if (i == start || (i < n && isDigit(s.charAt(i)))) return null;
            for (int k = i - start; k < 9; k++) nanos *= 10;
        }
        ZoneOffset offset = offset(s, i);
        if (offset == null) return null;
        try {
            return LocalDateTime.of(year, month, day, hour, minute, second, nanos).toInstant(offset);
        } catch (DateTimeException outOfRange) {
            return null;
        }
    }

    private static ZoneOffset offset(String s, int i) {
        int n = s.length();
        if (i == n - 1 && s.charAt(i) == 'Z') return ZoneOffset.UTC;
        if (i != n - 6 || s.charAt(i + 3) != ':') return null;
        char sign = s.charAt(i);
        int hours = digits(s, i + 1, 2), minutes = digits(s, i + 4, 2);
        if ((sign != '+' && sign != '-') || (hours | minutes) < 0 || hours > 18 || minutes > 59) return null;
        int seconds = hours * 3600 + minutes * 60;
        try {
            return ZoneOffset.ofTotalSeconds(sign == '-' ? -seconds : seconds);
        } catch (DateTimeException outOfRange) {
            return null;
        }
    }

    /** The number the {@code count} digits at {@code from} write, or -1 if one of them is no ASCII digit. */
    private static int digits(String s, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (!isDigit(c)) return -1;
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
