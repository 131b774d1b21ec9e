package io.licensenotify.adapter.braze;

import com.fasterxml.jackson.databind.ObjectMapper;
import feign.Response;
import feign.codec.ErrorDecoder;
import io.licensenotify.support.RetryAfter;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Turns a status line other than 2xx into a {@link CallFailed} (docs/operating.md "What Braze's answers become"), with
 * Braze's {@code message}. A body that cannot be read within the call's deadline changes nothing but the reason.
 */
final class BrazeErrorDecoder implements ErrorDecoder {
    private static final int MAX_BODY = 4096;

    private final ObjectMapper json;
    private final String apiKey;
    private final Duration maxRateLimitWait;
    private final Clock clock;

    BrazeErrorDecoder(ObjectMapper json, String apiKey, Duration maxRateLimitWait, Clock clock) {
        this.json = json;
        this.apiKey = apiKey;
        this.maxRateLimitWait = maxRateLimitWait;
        this.clock = clock;
    }

    @Override
    public Exception decode(String methodKey, Response response) {
        int status = response.status();
        String reason = "Braze answered " + status;
        if (status == 429) {
            Optional<Duration> wait = rateLimitWait(response.headers(), clock.instant());
            if (wait.isPresent() && wait.get().compareTo(maxRateLimitWait) > 0)
                // Waiting out an hourly window would hold every sender for up to an hour: the next run sends it.
                return failed(CallFailed.Verdict.GIVE_UP, status,
                        reason + " (rate limit resets in " + wait.get().toSeconds() + " s, more than the "
                                + maxRateLimitWait.toSeconds() + " s we wait)" + body(response).text(), Optional.empty());
            return failed(CallFailed.Verdict.RETRY, status, reason + body(response).text(), wait);
        }
        Body body = body(response);
        String message = body.text();
        if (CallFailed.byStatus(status) == CallFailed.Verdict.UNKNOWN && body.brazes())
            // a 502/504 with Braze's own JSON error: Braze answered, and refused to process it
            return failed(CallFailed.Verdict.RETRY, status, reason + message, Optional.empty());
        if (CallFailed.byStatus(status) == CallFailed.Verdict.UNKNOWN)
            return failed(CallFailed.Verdict.UNKNOWN, status, reason + " from a gateway, without Braze's body, so whether"
                    + " Braze got the request is unknown" + message, Optional.empty());
        return failed(CallFailed.byStatus(status), status, reason + message, Optional.empty());
    }

    private CallFailed failed(CallFailed.Verdict verdict, int status, String reason, Optional<Duration> wait) {
        return new CallFailed(verdict, status, Redaction.secret(reason, apiKey), wait);
    }

    /**
     * Braze's wait after a 429: {@code Retry-After} ({@link RetryAfter}) when present, else until
     * {@code X-RateLimit-Reset} (UTC epoch seconds). Header names in any case (HTTP/2 lower-cases them); empty or odd
     * values are ignored.
     */
    static Optional<Duration> rateLimitWait(Map<String, Collection<String>> headers, Instant now) {
        Optional<Duration> retryAfter = values(headers, "Retry-After")
                .flatMap(v -> RetryAfter.parse(v, now).stream()).findFirst();
        if (retryAfter.isPresent()) return retryAfter;
        return values(headers, "X-RateLimit-Reset").flatMap(v -> {
                    try {
                        return Stream.of(Instant.ofEpochSecond(Long.parseLong(v.trim())));
                    } catch (NumberFormatException notSeconds) {
                        return Stream.empty();
                    }
                }).findFirst()
                .map(reset -> Duration.between(now, reset))
                .map(d -> d.isNegative() ? Duration.ZERO : d);
    }

    private static Stream<String> values(Map<String, Collection<String>> headers, String name) {
        return headers.entrySet().stream()
                .filter(e -> e.getKey() != null && e.getKey().equalsIgnoreCase(name))
                .flatMap(e -> e.getValue().stream());
    }

    /** What the body said, and whether it was Braze's own JSON error (a {@code message}). */
    private record Body(String text, boolean brazes) {
    }

    /**
     * ": " and Braze's {@code message}, else the body (at most {@value #MAX_BODY} bytes; shortened only once
     * addresses are removed), else a note that there was none or that it could not be read.
     */
    private Body body(Response response) {
        if (response.body() == null) return new Body(": (no body)", false);
        String body;
        try (InputStream in = response.body().asInputStream()) {
            body = new String(in.readNBytes(MAX_BODY), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return new Body(" (its body was not read: " + CallFailed.describe(e) + ")", false);
        }
        if (body.isEmpty()) return new Body(": (no body)", false);
        try {
            BrazeJson.ErrorBody error = json.readValue(body, BrazeJson.ErrorBody.class);
            if (error != null && error.message() != null && !error.message().isBlank())
                return new Body(": " + error.message(), true);
        } catch (IOException notJson) {
            // a proxy's HTML page, for example: show its start
        }
        return new Body(": " + body, false);
    }
}
