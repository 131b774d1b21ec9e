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
     * @param errors the minor errors the messaging service listed beside its acceptance (Braze's {@code errors} array
     *               of a 2xx), addresses removed: a recipient one of them names was not processed
     */
    record Sent(String dispatchId, boolean queued, java.util.List<String> errors) implements SendOutcome {
        public Sent {
            dispatchId = dispatchId == null ? "" : dispatchId;
            errors = errors == null ? java.util.List.of() : java.util.List.copyOf(errors);
        }

        /** Accepted, not queued, no error listed. */
        public Sent(String dispatchId) {
            this(dispatchId, false, java.util.List.of());
        }

        /** Accepted, queued or not, no error listed. */
        public Sent(String dispatchId, boolean queued) {
            this(dispatchId, queued, java.util.List.of());
        }

        /**
         * The error that names this recipient (by its ECU id as {@code "ECU 101"}, which is how an echoed address
         * reads once removed, or by its LMS user id, its external id), if one does.
         */
        public java.util.Optional<String> errorNaming(long ecuId, long lmsUserId) {
            java.util.regex.Pattern named = java.util.regex.Pattern.compile("(?<![0-9])(?:ECU " + ecuId + "|"
                    + lmsUserId + ")(?![0-9])");
            return errors.stream().filter(e -> named.matcher(e).find()).findFirst();
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
