package io.licensenotify.adapter.lms;

import io.licensenotify.support.RetryAfter;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;

/** The LMS answered with a status other than 2xx. Carries no body on purpose: it may hold personal data. */
final class LmsHttpError extends RuntimeException {
    /** OAuth2 error codes (RFC 6749 5.2) that say the client itself is refused, not this one request. */
    private static final Set<String> REFUSED_CLIENT = Set.of("invalid_client", "unauthorized_client");

    private final int status;
    private final Optional<Duration> retryAfter;
    private final Optional<String> oauthError;

    LmsHttpError(int status, String path, Optional<Duration> retryAfter) {
        this(status, path, retryAfter, Optional.empty());
    }

    /** @param oauthError the token endpoint's {@code error} code, one of RFC 6749's, never free text */
    LmsHttpError(int status, String path, Optional<Duration> retryAfter, Optional<String> oauthError) {
        super("HTTP " + status + " from " + path, null, false, false);
        this.status = status;
        this.retryAfter = retryAfter;
        this.oauthError = oauthError;
    }

    int status() {
        return status;
    }

    /** The wait the LMS asked for on a 429 or 503, if it said. */
    Optional<Duration> retryAfter() {
        return retryAfter;
    }

    Optional<String> oauthError() {
        return oauthError;
    }

    /** From the token endpoint: the client credentials are refused (401, or 400 with {@code invalid_client}). */
    boolean refusesCredentials() {
        return status == 401 || (status == 400 && oauthError.filter(REFUSED_CLIENT::contains).isPresent());
    }

    /** 429 and 5xx may pass; other statuses will not change by asking again. */
    boolean isTransient() {
        return status == 429 || status >= 500;
    }

    /** The first {@code Retry-After} value, read by {@link RetryAfter}. */
    static Optional<Duration> retryAfter(Collection<String> values, Clock clock) {
        if (values == null || values.isEmpty()) return Optional.empty();
        return RetryAfter.parse(values.iterator().next(), clock.instant());
    }
}
