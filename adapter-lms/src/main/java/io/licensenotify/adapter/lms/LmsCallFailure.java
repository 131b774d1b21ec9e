package io.licensenotify.adapter.lms;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import feign.FeignException;
import feign.RetryableException;
import io.licensenotify.ports.out.AdminLookupException;
import io.licensenotify.support.Causes;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Optional;
import java.util.UUID;

/**
 * A call to the LMS failed for good (after any retries), before it is attributed to an enterprise. The token is
 * shared by all enterprises, so its failures are born here and named after the enterprise that was waiting.
 */
final class LmsCallFailure extends RuntimeException {
    /** Whose failure it is: it decides what the circuit breaker records and whether the report names it once. */
    enum Scope {
        /** This enterprise's answer was bad (malformed, 404, too long, a foreign link): the LMS itself answered. */
        ENTERPRISE,
        /** The LMS's: its token endpoint, no answer, 5xx, 429, 401, 403. Counted by the circuit breaker. */
        LMS,
        /** Every later lookup of the run fails the same way (refused credentials, circuit open): no request made. */
        RUN
    }

    private final String path;
    private final int status;
    private final boolean transientFailure;
    private final Scope scope;

    LmsCallFailure(String path, int status, boolean transientFailure, String reason, Throwable cause) {
        this(path, status, transientFailure, Scope.ENTERPRISE, reason, cause);
    }

    LmsCallFailure(String path, int status, boolean transientFailure, Scope scope, String reason, Throwable cause) {
        super(reason, cause, false, false);
        this.path = path;
        this.status = status;
        this.transientFailure = transientFailure;
        this.scope = scope;
    }

    /** Bad data in an answer that arrived: asking again gives the same answer. */
    static LmsCallFailure malformed(String path, String reason) {
        return new LmsCallFailure(path, 200, false, "malformed LMS answer: " + reason, null);
    }

    AdminLookupException about(UUID enterprise) {
        return new AdminLookupException(enterprise, path, status, transientFailure, scope == Scope.RUN, getMessage(),
                getCause());
    }

    /** The same failure, owned by another scope. */
    LmsCallFailure in(Scope other) {
        return other == scope ? this
                : new LmsCallFailure(path, status, transientFailure, other, getMessage(), getCause());
    }

    Scope scope() {
        return scope;
    }

    int status() {
        return status;
    }

    /** Where and what, without any enterprise: the same text whichever enterprise was waiting. */
    String describe() {
        return (path == null || path.isEmpty() ? "the LMS" : path) + (status > 0 ? " (HTTP " + status + ")" : "")
                + ": " + getMessage();
    }

    /** What retrying may cure: no answer at all (timeouts, refused or reset connections), 429 and 5xx. */
    static boolean isTransient(Throwable e) {
        if (e instanceof LmsHttpError http) return http.isTransient();
        if (e instanceof LmsCallFailure) return false;
        if (Causes.find(e, PageTooLong.class).isPresent()) return false; // asking again gives the same long answer
        if (Causes.find(e, JacksonException.class).isPresent()) return false; // a JSON parse error is an IOException too
        return e instanceof RetryableException || Causes.find(e, IOException.class).isPresent();
    }

    /** Turns what Feign, Jackson, OkHttp or the JDK threw into a failure whose message is safe to log. */
    static LmsCallFailure of(String path, Throwable e) {
        if (e instanceof LmsCallFailure failure) return failure;
        if (e instanceof LmsHttpError http) {
            boolean lms = http.isTransient() || http.status() == 401 || http.status() == 403;
            return new LmsCallFailure(path, http.status(), http.isTransient(), lms ? Scope.LMS : Scope.ENTERPRISE,
                    reason(http), http);
        }
        Optional<PageTooLong> tooLong = Causes.find(e, PageTooLong.class);
        if (tooLong.isPresent()) return new LmsCallFailure(path, 200, false, tooLong.get().getMessage(), null);
        Optional<JacksonException> json = Causes.find(e, JacksonException.class);
        if (json.isPresent())
            // no cause: Jackson's message quotes the offending text, which may be personal data or a token
            return new LmsCallFailure(path, status(e), false, "malformed JSON in the LMS answer ("
                    + json.get().getClass().getSimpleName() + where(json.get()) + ")", null);
        if (isTransient(e)) {
            Throwable io = Causes.find(e, IOException.class).map(Throwable.class::cast).orElse(e);
            String what = Causes.find(e, InterruptedIOException.class).isPresent() ? "timed out"
                    : "no answer (" + io.getClass().getSimpleName() + ")";
            return new LmsCallFailure(path, 0, true, Scope.LMS, what, e);
        }
        return new LmsCallFailure(path, status(e), false, "call failed (" + e.getClass().getSimpleName() + ")", e);
    }

    private static String reason(LmsHttpError http) {
        int status = http.status();
        if (status == 401) return "unauthorized (the token or the client credentials were refused)";
        if (status == 403) return "forbidden (the service user must be staff)";
        if (status == 404) return "not found";
        if (status == 429) return "rate limited";
        if (status >= 500) return "server error";
        if (status >= 300 && status < 400) return "redirected; redirects are not followed with a token";
        return "refused" + http.oauthError().map(error -> " (" + error + ")").orElse("");
    }

    private static int status(Throwable e) {
        return e instanceof FeignException feign && feign.status() > 0 ? feign.status() : 0;
    }

    private static String where(JacksonException json) {
        if (json instanceof JsonProcessingException processing) {
            JsonLocation at = processing.getLocation();
            if (at != null && at.getLineNr() > 0)
                return " at line " + at.getLineNr() + ", column " + at.getColumnNr();
        }
        return "";
    }
}
