package io.licensenotify.adapter.lms;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import feign.Feign;
import feign.Request;
import feign.Retryer;
import feign.codec.Encoder;
import feign.okhttp.OkHttpClient;
import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The Feign client and the retry policy around each call. Feign never retries by itself; resilience4j retries
 * transient failures with exponential backoff and jitter, and waits as long as a {@code Retry-After} asks, up to
 * the max backoff.
 *
 * <p>Feign runs over OkHttp because OkHttp's call timeout spans the whole call, body included: the JDK client's
 * request timeout stops once the headers have arrived, so an answer that stalls after them would hang the run.
 */
final class LmsCalls {
    private static final Logger log = LoggerFactory.getLogger(LmsCalls.class);

    final ObjectMapper json = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    final LmsApi api;
    private final Retry retry;

    LmsCalls(LmsSettings settings, Clock clock) {
        // no redirects: following one would carry the token to wherever it points
        okhttp3.OkHttpClient okHttp = new okhttp3.OkHttpClient.Builder()
                .connectTimeout(settings.connectTimeout())
                .readTimeout(settings.readTimeout())
                .writeTimeout(settings.readTimeout())
                .callTimeout(settings.connectTimeout().plus(settings.readTimeout()))
                .followRedirects(false)
                .followSslRedirects(false)
                .build();
        // the same timeouts as the client's, or Feign's OkHttpClient would build another client for every request
        Request.Options options = new Request.Options(settings.connectTimeout(), settings.readTimeout(), false);
        LmsDecoder decoder = new LmsDecoder(json, settings.maxPageBytes());
        api = Feign.builder()
                .client(new OkHttpClient(okHttp))
                .options(options)
                .encoder(new Encoder.Default())
                .decoder(decoder)
                .errorDecoder((method, response) -> new LmsHttpError(response.status(),
                        URI.create(response.request().url()).getRawPath(),
                        LmsHttpError.retryAfter(response.headers().get("Retry-After"), clock),
                        response.status() == 400 ? decoder.oauthError(response) : Optional.empty()))
                .retryer(Retryer.NEVER_RETRY)
                .target(LmsApi.class, settings.baseUrl().toString());

        IntervalFunction backoff = IntervalFunction.ofExponentialRandomBackoff(settings.initialBackoff(), 2.0, 0.5,
                settings.maxBackoff());
        long maxWait = settings.maxBackoff().toMillis();
        IntervalBiFunction<Object> interval = (attempt, outcome) -> {
            if (outcome.isLeft() && outcome.getLeft() instanceof LmsHttpError http && http.retryAfter().isPresent())
                return Math.min(http.retryAfter().get().toMillis(), maxWait);
            return backoff.apply(attempt);
        };
        retry = Retry.of("lms", RetryConfig.custom()
                .maxAttempts(settings.maxAttempts())
                .intervalBiFunction(interval)
                .retryOnException(LmsCallFailure::isTransient)
                .build());
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
