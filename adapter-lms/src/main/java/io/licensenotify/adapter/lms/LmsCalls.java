package io.licensenotify.adapter.lms;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import feign.codec.Encoder;
import io.github.resilience4j.retry.Retry;
import io.licensenotify.support.HttpCalls;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The Feign client ({@link HttpCalls}: whole-call deadlines, no redirect, which would carry the token away) and the
 * retry policy around each call: transient failures are tried again with the settings' {@link LmsSettings#backoff()},
 * waiting as long as a {@code Retry-After} asks, up to the max backoff.
 */
final class LmsCalls {
    private static final Logger log = LoggerFactory.getLogger(LmsCalls.class);

    final ObjectMapper json = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    final LmsApi api;
    private final Retry retry;

    LmsCalls(LmsSettings settings, Clock clock) {
        LmsDecoder decoder = new LmsDecoder(json, settings.maxPageBytes());
        api = HttpCalls.feign(HttpCalls.deadlines(settings.connectTimeout(), settings.readTimeout()).build(),
                        settings.connectTimeout(), settings.readTimeout())
                .encoder(new Encoder.Default())
                .decoder(decoder)
                .errorDecoder((method, response) -> new LmsHttpError(response.status(),
                        URI.create(response.request().url()).getRawPath(),
                        LmsHttpError.retryAfter(response.headers().get("Retry-After"), clock),
                        response.status() == 400 ? decoder.oauthError(response) : Optional.empty()))
                .target(LmsApi.class, settings.baseUrl().toString());
        Duration maxWait = settings.maxBackoff();
        retry = settings.backoff().retry("lms", LmsCallFailure::isTransient, e -> e instanceof LmsHttpError http
                ? http.retryAfter().map(asked -> asked.compareTo(maxWait) > 0 ? maxWait : asked) : Optional.empty());
        // at INFO: the seconds of a backoff are never silent, and what is said holds no address (describe)
        retry.getEventPublisher().onRetry(event -> log.info("LMS call failed ({}), attempt {} of {}; retrying in {} ms",
                describe(event.getLastThrowable()), event.getNumberOfRetryAttempts(), settings.maxAttempts(),
                event.getWaitInterval().toMillis()));
    }

    /**
     * Runs the call, retrying transient failures.
     *
     * @param path the URL path, named in the failure
     * @throws LmsCallFailure when the call fails for good
     */
    <T> T call(String path, Supplier<T> call) {
        try {
            return Retry.decorateSupplier(retry, call).get();
        } catch (RuntimeException e) {
            throw LmsCallFailure.of(path, e);
        }
    }

    /** For tests that watch the waits between attempts. */
    Retry retry() {
        return retry;
    }

    /** Only what is safe to log: Feign's own messages carry the full URL. */
    private static String describe(Throwable e) {
        if (e instanceof LmsHttpError http) return http.getMessage();
        return e == null ? "unknown" : e.getClass().getSimpleName()
                + (e.getCause() == null ? "" : ": " + e.getCause().getClass().getSimpleName());
    }
}
