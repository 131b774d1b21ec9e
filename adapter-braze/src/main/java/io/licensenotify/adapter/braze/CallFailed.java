package io.licensenotify.adapter.braze;

import feign.RetryableException;
import io.licensenotify.ports.out.SendOutcome;

import java.time.Duration;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Why one call to Braze returned no dispatch id, and whether calling again could send the email twice: with
 * {@link BrazeErrorDecoder}, the table of docs/operating.md "What Braze's answers become", and the rule written there.
 * Its message never holds the API key; it has no stack trace because it is an answer, not a bug.
 */
final class CallFailed extends RuntimeException {
    /** The longest reason kept, after addresses and the key are removed (so no piece of one can be left). */
    static final int MAX_REASON = 400;

    enum Verdict {
        /** Braze did not process the request: safe to try again now. */
        RETRY,
        /** Braze did not process it, but the wait it asks for is longer than we may wait: the next run retries. */
        GIVE_UP,
        /** Braze refused the request itself: the same request would fail again. */
        PERMANENT,
        /** The request went out and no status line came back: Braze may have sent the email. */
        UNKNOWN
    }

    private final Verdict verdict;
    private final int status;
    private final transient Optional<Duration> serverWait;

    CallFailed(Verdict verdict, int status, String reason, Optional<Duration> serverWait) {
        super(reason, null, false, false);
        this.verdict = verdict;
        this.status = status;
        this.serverWait = serverWait;
    }

    /** What a status line other than 2xx says by itself: 408, 429 and 5xx were not processed; the rest are refusals. */
    static Verdict byStatus(int status) {
        if (status == 502 || status == 504) return Verdict.UNKNOWN; // a gateway's: it may have passed the request on
        return status == 408 || status == 429 || status >= 500 ? Verdict.RETRY : Verdict.PERMANENT;
    }

    /**
     * A call that ended without an answer Feign could decode (an I/O failure, the call's deadline), judged by how far
     * it got: a status line decides by its status, the body unread; no byte of the request written (refused or
     * timed-out connection, unknown host, TLS handshake) is safe to retry; anything later is unknown.
     */
    static CallFailed after(BrazeHttp.Progress progress, RuntimeException e) {
        Throwable cause = e instanceof RetryableException && e.getCause() != null ? e.getCause() : e;
        if (progress.status() > 0)
            return new CallFailed(byStatus(progress.status()), progress.status(),
                    "Braze answered " + progress.status() + " (its body was not read: " + describe(cause) + ")",
                    Optional.empty());
        if (!progress.requestStarted())
            return new CallFailed(Verdict.RETRY, 0, "could not connect to Braze: " + describe(cause), Optional.empty());
        return new CallFailed(Verdict.UNKNOWN, 0, "no answer from Braze after sending the request: " + describe(cause),
                Optional.empty());
    }

    /**
     * A 2xx whose body is not Braze's answer (not JSON, or JSON without Braze's {@code message}): something between
     * us and Braze answered, and whether Braze got the request is unknown. Never retried, never resent.
     */
    static CallFailed notBrazes(int status, String contentType, String why) {
        return new CallFailed(Verdict.UNKNOWN, status, "HTTP " + status + " that is not Braze's answer (content type "
                + (contentType == null || contentType.isBlank() ? "none" : contentType) + "; " + why
                + "): a proxy or gateway may have answered, so whether Braze sent it is unknown", Optional.empty());
    }

    static String describe(Throwable t) {
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getClass().getSimpleName() + ": " + t.getMessage();
    }

    /** The same failure, its reason passed through {@code redact} and then cut to {@link #MAX_REASON}. */
    CallFailed redacted(UnaryOperator<String> redact) {
        return new CallFailed(verdict, status, shorten(redact.apply(getMessage())), serverWait);
    }

    /** Cut at a space when one is near, so that an "ECU 1234" is not cut into another id. */
    private static String shorten(String text) {
        if (text.length() <= MAX_REASON) return text;
        int cut = text.lastIndexOf(' ', MAX_REASON);
        return text.substring(0, cut > MAX_REASON - 40 ? cut : MAX_REASON) + "...";
    }

    Verdict verdict() {
        return verdict;
    }

    int status() {
        return status;
    }

    /** How long Braze asked us to wait (429 headers), if it said. */
    Optional<Duration> serverWait() {
        return serverWait;
    }

    SendOutcome outcome() {
        return switch (verdict) {
            case RETRY, GIVE_UP -> new SendOutcome.Failed(true, status, getMessage());
            case PERMANENT -> new SendOutcome.Failed(false, status, getMessage());
            case UNKNOWN -> new SendOutcome.OutcomeUnknown(getMessage());
        };
    }
}
