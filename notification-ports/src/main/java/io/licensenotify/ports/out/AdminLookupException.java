package io.licensenotify.ports.out;

import java.util.Objects;
import java.util.UUID;

/**
 * The admins of an enterprise could not be read. The message names the enterprise, the URL path (never a query
 * string, token or secret) and the status; it never carries a response body with personal data.
 *
 * @see #isTransient()
 */
public class AdminLookupException extends RuntimeException {
    private final UUID enterprise;
    private final String path;
    private final int status;
    private final boolean transientFailure;
    private final boolean runWide;
    private final String reason;

    /**
     * @param status the HTTP status, or 0 when there was no response
     */
    public AdminLookupException(UUID enterprise, String path, int status, boolean transientFailure, String reason,
                                Throwable cause) {
        this(enterprise, path, status, transientFailure, false, reason, cause);
    }

    /**
     * @param runWide true when the failure is the LMS's, not this enterprise's (the circuit breaker is open, or the
     *                credentials were refused): every later enterprise of the run fails for the same reason, which
     *                the report then names once
     */
    public AdminLookupException(UUID enterprise, String path, int status, boolean transientFailure, boolean runWide,
                                String reason, Throwable cause) {
        super(message(enterprise, path, status, transientFailure, reason), cause);
        this.enterprise = Objects.requireNonNull(enterprise, "enterprise");
        this.path = path == null ? "" : path;
        this.status = status;
        this.transientFailure = transientFailure;
        this.runWide = runWide;
        this.reason = reason == null ? "" : reason;
    }

    private static String message(UUID enterprise, String path, int status, boolean transientFailure, String reason) {
        return "admins of enterprise " + enterprise + " could not be read from " + (path == null ? "the LMS" : path)
                + (status > 0 ? " (HTTP " + status + ")" : "")
                + (transientFailure ? " [transient]" : " [permanent]")
                + (reason == null || reason.isBlank() ? "" : ": " + reason);
    }

    public UUID enterprise() {
        return enterprise;
    }

    public String path() {
        return path;
    }

    /** The HTTP status, 0 when there was no response. */
    public int status() {
        return status;
    }

    /** The reason without the enterprise: the same text for every enterprise that fails for a run-wide reason. */
    public String reason() {
        return reason;
    }

    /** True when every later enterprise of this run fails the same way (see the constructor). */
    public boolean isRunWide() {
        return runWide;
    }

    /** True when a later attempt may succeed (timeouts, 5xx, 429); false for other 4xx and bad data. */
    public boolean isTransient() {
        return transientFailure;
    }
}
