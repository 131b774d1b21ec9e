package io.licensenotify.adapter.braze;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import feign.codec.DecodeException;
import feign.codec.EncodeException;
import feign.jackson.JacksonDecoder;
import feign.jackson.JacksonEncoder;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;
import io.github.resilience4j.retry.Retry;
import io.licensenotify.ports.out.SendOutcome;
import io.licensenotify.support.Causes;
import io.licensenotify.support.HttpCalls;
import io.licensenotify.text.SafeText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

/**
 * One Braze connection: the Feign client over {@link BrazeHttp}, the client-side rate limiter and the retry policy,
 * shared by every thread that sends through it (the messenger's senders and the run-error email). Each attempt,
 * retries included, first takes a permit from the limiter, and is exactly one HTTP request.
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
        String authorization = "Bearer " + settings.apiKey();
        // resilience4j retries, with the limiter in front of every attempt; HttpCalls' Feign never retries itself
        this.api = HttpCalls.feign(BrazeHttp.client(settings), settings.connectTimeout(), settings.readTimeout())
                .encoder(new JacksonEncoder(json))
                .decoder(new JacksonDecoder(json))
                .errorDecoder(new BrazeErrorDecoder(json, settings.apiKey(), settings.maxRateLimitWait(),
                        Clock.systemUTC()))
                .requestInterceptor(template -> template.header("Authorization", authorization))
                .target(BrazeApi.class, HttpCalls.withoutTrailingSlash(settings.apiUrl()).toString());
        this.limiter = RateLimiter.of("braze", RateLimiterConfig.custom()
                .limitForPeriod(settings.rateLimit().permits())
                .limitRefreshPeriod(settings.rateLimit().period())
                .timeoutDuration(settings.maxPermitWait())
                .build());
        long jitter = settings.initialBackoff().toMillis();
        // after a 429 that says when the limit resets, wait for it (plus jitter, so the senders do not return at once)
        this.retry = settings.backoff().retry("braze",
                e -> e instanceof CallFailed f && f.verdict() == CallFailed.Verdict.RETRY,
                e -> e instanceof CallFailed f ? f.serverWait().map(wait ->
                        wait.plusMillis(ThreadLocalRandom.current().nextLong(jitter + 1))) : Optional.empty());
        retry.getEventPublisher().onRetry(e -> log.debug("Braze call failed (attempt {} of {}), retrying in {} ms: {}",
                e.getNumberOfRetryAttempts(), settings.maxAttempts(), e.getWaitInterval().toMillis(),
                reason(e.getLastThrowable())));
    }

    /**
     * Triggers one campaign request and says what became of it (docs/operating.md "What Braze's answers become"; see
     * {@link CallFailed}); never throws for a remote failure. Every reason and log line passes through
     * {@code names} (which names known recipients, by ECU id), then loses any other address and the API key.
     */
    SendOutcome trigger(BrazeJson.TriggerRequest request, UnaryOperator<String> names) {
        UnaryOperator<String> redact =
                text -> SafeText.withoutEmails(names.apply(Redaction.secret(text, settings.apiKey())));
        AtomicInteger attempts = new AtomicInteger();
        try {
            BrazeJson.TriggerResponse response = retry.executeSupplier(() -> attempt(request, redact, attempts));
            return response == null ? new SendOutcome.Sent("")
                    : new SendOutcome.Sent(response.dispatchId(), response.isQueued(),
                    response.errorTexts().stream().map(redact).toList());
        } catch (CallFailed f) {
            return f.outcome();
        } catch (RequestNotPermitted e) {
            return new SendOutcome.Failed(true, 0, "no permit from the client-side Braze rate limiter within "
                    + settings.maxPermitWait() + "; nothing was sent");
        } catch (EncodeException e) {
            return new SendOutcome.Failed(false, 0, redact.apply("could not write the Braze request: " + reason(e)));
        } catch (RuntimeException e) {
            // e.g. interrupted while waiting for a permit or a retry: whether an earlier attempt got through is unknown
            return attempts.get() == 0 ? new SendOutcome.Failed(true, 0, redact.apply("not sent: " + reason(e)))
                    : new SendOutcome.OutcomeUnknown(redact.apply("interrupted: " + reason(e)));
        }
    }

    /** One permit, one HTTP request; a failure leaves as a {@link CallFailed} whose reason is already redacted. */
    private BrazeJson.TriggerResponse attempt(BrazeJson.TriggerRequest request, UnaryOperator<String> redact,
                                              AtomicInteger attempts) {
        RateLimiter.waitForPermission(limiter);
        attempts.incrementAndGet();
        requests.incrementAndGet();
        BrazeHttp.Progress progress = new BrazeHttp.Progress();
        BrazeJson.TriggerResponse response;
        try {
            response = progress.watch(() -> api.trigger(request));
        } catch (CallFailed f) {
            throw f.redacted(redact);
        } catch (EncodeException e) {
            throw e;
        } catch (RuntimeException e) {
            if (progress.accepted() && Causes.chain(e).anyMatch(t -> t instanceof DecodeException
                    || t instanceof com.fasterxml.jackson.core.JsonProcessingException))
                // the whole body came and it is not Braze's JSON: a proxy's page, say; who got the request is unknown
                throw CallFailed.notBrazes(progress.status(), progress.contentType(), CallFailed.describe(e))
                        .redacted(redact);
            if (progress.accepted()) {
                log.warn("Braze accepted a request ({}) but its answer could not be read, so the dispatch id is "
                        + "unknown: {}", progress.status(), redact.apply(reason(e)));
                return BrazeJson.TriggerResponse.UNREAD;
            }
            throw CallFailed.after(progress, e).redacted(redact);
        }
        if (response == null || !response.isBrazes())
            throw CallFailed.notBrazes(progress.status(), progress.contentType(), response == null ? "no body"
                    : "its message was " + (response.message() == null ? "missing" : "'" + response.message() + "'"))
                    .redacted(redact);
        return response;
    }

    long requestsMade() {
        return requests.get();
    }

    BrazeSettings settings() {
        return settings;
    }

    /** A failure as one line, without the API key or any address. */
    String reason(Throwable t) {
        if (t == null) return "";
        String text = t instanceof CallFailed ? t.getMessage() : CallFailed.describe(t);
        return Redaction.secretAndEmails(text, settings.apiKey());
    }
}
