package io.licensenotify.adapter.braze;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import feign.Feign;
import feign.FeignException;
import feign.Request;
import feign.RetryableException;
import feign.Retryer;
import feign.codec.EncodeException;
import feign.http2client.Http2Client;
import feign.jackson.JacksonDecoder;
import feign.jackson.JacksonEncoder;
import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.licensenotify.ports.out.SendOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.http.HttpClient;
import java.time.Clock;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One Braze connection: the Feign client, the client-side rate limiter and the retry policy, shared by every
 * thread that sends through it. Each attempt, retries included, first takes a permit from the limiter.
 */
final class BrazeClient {
    private static final Logger log = LoggerFactory.getLogger(BrazeClient.class);

    private final BrazeSettings settings;
    private final BrazeApi api;
    private final RateLimiter limiter;
    private final Retry retry;
    private final AtomicLong requests = new AtomicLong();

    BrazeClient(BrazeSettings settings) {
        this.settings = settings;
        ObjectMapper json = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.connectTimeout())
                // a redirected POST could be sent twice; Braze does not redirect its API
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        String authorization = "Bearer " + settings.apiKey();
        this.api = Feign.builder()
                .client(new Http2Client(http))
                .options(new Request.Options(settings.connectTimeout().toMillis(), TimeUnit.MILLISECONDS,
                        settings.readTimeout().toMillis(), TimeUnit.MILLISECONDS, false))
                .encoder(new JacksonEncoder(json))
                .decoder(new JacksonDecoder(json))
                .errorDecoder(new BrazeErrorDecoder(json, settings.apiKey(), settings.maxRateLimitWait(),
                        Clock.systemUTC()))
                // resilience4j retries, with the limiter in front of every attempt; Feign must not retry too
                .retryer(Retryer.NEVER_RETRY)
                .requestInterceptor(template -> template.header("Authorization", authorization))
                .target(BrazeApi.class, settings.apiUrl().toString().replaceAll("/+$", ""));
        this.limiter = RateLimiter.of("braze", RateLimiterConfig.custom()
                .limitForPeriod(settings.rateLimit().permits())
                .limitRefreshPeriod(settings.rateLimit().period())
                .timeoutDuration(settings.maxPermitWait())
                .build());
        this.retry = Retry.of("braze", RetryConfig.<BrazeJson.TriggerResponse>custom()
                .maxAttempts(settings.maxAttempts())
                .retryOnException(e -> e instanceof CallFailed f && f.verdict() == CallFailed.Verdict.RETRY)
                .intervalBiFunction(interval(settings))
                .build());
        retry.getEventPublisher().onRetry(e -> log.info("Braze call failed (attempt {} of {}), retrying in {} ms: {}",
                e.getNumberOfRetryAttempts(), settings.maxAttempts(), e.getWaitInterval().toMillis(),
                reason(e.getLastThrowable())));
    }

    /** After a 429 with a reset time, waits for it (plus jitter); otherwise exponential backoff with jitter. */
    private static IntervalBiFunction<BrazeJson.TriggerResponse> interval(BrazeSettings s) {
        IntervalFunction backoff = IntervalFunction.ofExponentialRandomBackoff(s.initialBackoff(), 2.0, 0.5,
                s.maxBackoff());
        long jitter = s.initialBackoff().toMillis();
        return (attempt, result) -> {
            if (result.isLeft() && result.getLeft() instanceof CallFailed f && f.serverWait().isPresent())
                return f.serverWait().get().toMillis() + ThreadLocalRandom.current().nextLong(jitter + 1);
            return backoff.apply(attempt);
        };
    }

    /**
     * Triggers one campaign request and says what became of it; never throws for a remote failure.
     *
     * <ul>
     *   <li>2xx: {@code Sent} with Braze's {@code dispatch_id} (empty if the body could not be read).</li>
     *   <li>connect failure, 408, 429, 5xx: retried; after the last attempt {@code Failed(transient)}. A 429 whose
     *       reset is further away than {@code maxRateLimitWait} fails at once, also transient.</li>
     *   <li>any other status (400, 401, 403, 404, ...): {@code Failed(permanent)} with Braze's message, not
     *       retried.</li>
     *   <li>no answer after the request went out (read timeout, reset, closed connection): {@code OutcomeUnknown},
     *       not retried, because Braze may have sent the email.</li>
     *   <li>no permit from the client-side limiter in time: {@code Failed(transient)}, nothing sent.</li>
     * </ul>
     */
    SendOutcome trigger(BrazeJson.TriggerRequest request) {
        AtomicInteger attempts = new AtomicInteger();
        try {
            BrazeJson.TriggerResponse response = retry.executeSupplier(() -> attempt(request, attempts));
            return new SendOutcome.Sent(response == null ? "" : response.dispatchId());
        } catch (CallFailed f) {
            return f.outcome();
        } catch (RequestNotPermitted e) {
            return new SendOutcome.Failed(true, 0, "no permit from the client-side Braze rate limiter within "
                    + settings.maxPermitWait() + "; nothing was sent");
        } catch (EncodeException e) {
            return new SendOutcome.Failed(false, 0, "could not write the Braze request: " + reason(e));
        } catch (FeignException e) {
            if (e.status() >= 200 && e.status() < 300) {
                // Braze accepted the request; only its answer could not be read
                log.warn("Braze accepted a request ({}) but its answer could not be read: {}", e.status(), reason(e));
                return new SendOutcome.Sent("");
            }
            return new SendOutcome.OutcomeUnknown("unexpected answer from Braze: " + reason(e));
        } catch (RuntimeException e) {
            // e.g. interrupted while waiting for a permit or a retry: whether an earlier attempt got through is unknown
            return attempts.get() == 0 ? new SendOutcome.Failed(true, 0, "not sent: " + reason(e))
                    : new SendOutcome.OutcomeUnknown("interrupted: " + reason(e));
        }
    }

    private BrazeJson.TriggerResponse attempt(BrazeJson.TriggerRequest request, AtomicInteger attempts) {
        RateLimiter.waitForPermission(limiter);
        attempts.incrementAndGet();
        requests.incrementAndGet();
        try {
            return api.trigger(request);
        } catch (RetryableException e) {
            throw CallFailed.fromIo(e, settings.apiKey());
        }
    }

    long requestsMade() {
        return requests.get();
    }

    BrazeSettings settings() {
        return settings;
    }

    String reason(Throwable t) {
        if (t == null) return "";
        String text = t instanceof CallFailed ? t.getMessage()
                : t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
        return Redact.secret(text, settings.apiKey());
    }
}
