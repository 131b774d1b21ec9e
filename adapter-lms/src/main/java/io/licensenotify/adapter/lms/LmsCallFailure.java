package io.licensenotify.adapter.lms;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import feign.FeignException;
import feign.RetryableException;
import io.licensenotify.ports.out.AdminLookupException;

import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.util.UUID;

/**
 * A call to the LMS failed for good (after any retries), before it is attributed to an enterprise. The token is
 * shared by all enterprises, so its failures are born here and named after the enterprise that was waiting.
 */
final class LmsCallFailure extends RuntimeException {
    private final String path;
    private final int status;
    private final boolean transientFailure;

    LmsCallFailure(String path, int status, boolean transientFailure, String reason, Throwable cause) {
        super(reason, cause, false, false);
        this.path = path;
        this.status = status;
        this.transientFailure = transientFailure;
    }

    /** Bad data in an answer that arrived: asking again gives the same answer. */
    static LmsCallFailure malformed(String path, String reason) {
        return new LmsCallFailure(path, 200, false, "malformed LMS answer: " + reason, null);
    }

    AdminLookupException about(UUID enterprise) {
        return new AdminLookupException(enterprise, path, status, transientFailure, getMessage(), getCause());
    }

    /** What retrying may cure: no answer at all (timeouts, refused or reset connections), 429 and 5xx. */
    static boolean isTransient(Throwable e) {
        if (e instanceof LmsHttpError http) return http.isTransient();
        if (e instanceof LmsCallFailure) return false;
        if (find(e, JacksonException.class) != null) return false; // a JSON parse error is an IOException too
        return e instanceof RetryableException || find(e, IOException.class) != null;
    }

    /** Turns what Feign, Jackson or the JDK threw into a failure whose message is safe to log. */
    static LmsCallFailure of(String path, Throwable e) {
        if (e instanceof LmsCallFailure failure) return failure;
        if (e instanceof LmsHttpError http)
            return new LmsCallFailure(path, http.status(), http.isTransient(), reason(http), http);
        JacksonException json = find(e, JacksonException.class);
        if (json != null)
            // no cause: Jackson's message quotes the offending text, which may be personal data or a token
            return new LmsCallFailure(path, status(e), false,
                    "malformed JSON in the LMS answer (" + json.getClass().getSimpleName() + where(json) + ")", null);
        if (isTransient(e)) {
            Throwable io = find(e, IOException.class);
            String what = find(e, HttpTimeoutException.class) != null ? "timed out"
                    : "no answer (" + (io == null ? e : io).getClass().getSimpleName() + ")";
            return new LmsCallFailure(path, 0, true, what, e);
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
        return "refused";
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

    private static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause())
            if (type.isInstance(t)) return type.cast(t);
        return null;
    }
}
