package io.licensenotify.support;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The {@code Retry-After} header (RFC 9110 10.2.3): delay-seconds or an HTTP date. A date in the past, or a negative
 * number, is no wait at all; anything else (empty, a word, a date in another format) says nothing.
 */
public final class RetryAfter {
    private RetryAfter() {
    }

    /** The wait {@code value} asks for, as of {@code now}. */
    public static Optional<Duration> parse(String value, Instant now) {
        if (value == null || value.isBlank()) return Optional.empty();
        String v = value.trim();
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(v))));
        } catch (NumberFormatException notSeconds) {
            try {
                Duration wait = Duration.between(now, ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
                return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
            } catch (DateTimeParseException notADate) {
                return Optional.empty();
            }
        }
    }
}
