package io.licensenotify.adapter.lms;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.Optional;

/** The LMS answered with a status other than 2xx. Carries no body on purpose: it may hold personal data. */
final class LmsHttpError extends RuntimeException {
    private final int status;
    private final Optional<Duration> retryAfter;

    LmsHttpError(int status, String path, Optional<Duration> retryAfter) {
        super("HTTP " + status + " from " + path, null, false, false);
        this.status = status;
        this.retryAfter = retryAfter;
    }

    int status() {
        return status;
    }

    /** The wait the LMS asked for on a 429 or 503, if it said. */
    Optional<Duration> retryAfter() {
        return retryAfter;
    }

    /** 429 and 5xx may pass; other statuses will not change by asking again. */
    boolean isTransient() {
        return status == 429 || status >= 500;
    }

    /** {@code Retry-After} is either delay-seconds or an HTTP date; anything else is ignored. */
    static Optional<Duration> retryAfter(Collection<String> values, Clock clock) {
        if (values == null || values.isEmpty()) return Optional.empty();
        String value = values.iterator().next().trim();
        if (value.isEmpty()) return Optional.empty();
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value))));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration wait = Duration.between(clock.instant(), at);
                return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
            } catch (DateTimeParseException notADate) {
                return Optional.empty();
            }
        }
    }
}
