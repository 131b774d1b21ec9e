package io.licensenotify.adapter.braze;

import feign.RetryableException;
import io.licensenotify.ports.out.SendOutcome;

import javax.net.ssl.SSLHandshakeException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.Optional;

/**
 * Why one call to Braze returned no dispatch id, and whether calling again could send the email twice. Its message
 * never holds the API key; it has no stack trace because it is an answer, not a bug.
 */
final class CallFailed extends RuntimeException {

    enum Verdict {
        /** Braze did not process the request (connect failure, 408, 429, 5xx): safe to try again now. */
        RETRY,
        /** Braze did not process it, but the wait it asks for is longer than we may wait: the next run retries. */
        GIVE_UP,
        /** Braze refused the request itself (400, 401, 403, 404, ...): the same request would fail again. */
        PERMANENT,
        /** The request went out and no answer came back: Braze may have sent the email. */
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

    /**
     * An I/O failure of the JDK HTTP client, which Feign wraps in a {@link RetryableException}. Only a failure to
     * connect proves that Braze never saw the request: a connect timeout ({@link HttpConnectTimeoutException}, checked
     * before its parent {@code HttpTimeoutException}), a refused connection ({@link ConnectException}), an unknown
     * host, or a failed TLS handshake (no HTTP byte is sent before it). Anything else (the request timeout that
     * bounds the wait for the answer, a reset or closed connection) came after the request may have been sent.
     */
    static CallFailed fromIo(RetryableException e, String apiKey) {
        for (Throwable t = e.getCause(); t != null; t = t.getCause())
            if (t instanceof HttpConnectTimeoutException || t instanceof ConnectException
                    || t instanceof UnknownHostException || t instanceof UnresolvedAddressException
                    || t instanceof SSLHandshakeException)
                return new CallFailed(Verdict.RETRY, 0,
                        Redact.secret("could not connect to Braze: " + describe(t), apiKey), Optional.empty());
        Throwable cause = e.getCause() == null ? e : e.getCause();
        return new CallFailed(Verdict.UNKNOWN, 0,
                Redact.secret("no answer from Braze after sending the request: " + describe(cause), apiKey),
                Optional.empty());
    }

    private static String describe(Throwable t) {
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getClass().getSimpleName() + ": " + t.getMessage();
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
