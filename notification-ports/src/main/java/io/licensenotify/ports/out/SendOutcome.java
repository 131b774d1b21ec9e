package io.licensenotify.ports.out;

import java.util.Objects;

/**
 * What became of one {@link Message}. The ledger needs to know which failures are safe to retry: a retry
 * after an unknown outcome may send the same email twice.
 */
public sealed interface SendOutcome {

    /**
     * Accepted by the messaging service (not necessarily delivered yet).
     *
     * @param queued accepted but queued (Braze's {@code 202 {"message":"queued"}} while it is in maintenance): sent
     *               later by Braze, counted apart from a plain acceptance
     */
    record Sent(String dispatchId, boolean queued) implements SendOutcome {
        public Sent {
            dispatchId = dispatchId == null ? "" : dispatchId;
        }

        /** Accepted, not queued. */
        public Sent(String dispatchId) {
            this(dispatchId, false);
        }
    }

    /**
     * Definitely not sent: the request never arrived or was refused before processing. A later run retries it.
     *
     * @param transientFailure true for connect failures, 429 and 5xx after the retries; false for 400, 401, 403, 404
     * @param status           the HTTP status, 0 when there was no response
     */
    record Failed(boolean transientFailure, int status, String reason) implements SendOutcome {
        public Failed {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** The request may or may not have been processed (a read timeout, a connection dropped after sending). */
    record OutcomeUnknown(String reason) implements SendOutcome {
        public OutcomeUnknown {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
