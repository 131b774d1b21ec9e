package io.licensenotify.ports.out;

import io.licensenotify.domain.DeliveryState;
import io.licensenotify.ports.failure.FailureKind;
import io.licensenotify.text.SafeText;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What became of one {@link Message}. The ledger needs to know which failures are safe to retry: a retry
 * after an unknown outcome may send the same email twice. Each outcome says what it makes of its deliveries
 * ({@link #state()}), how a failure is classed ({@link #failureKind()}), what the ledger keeps of it
 * ({@link #ledgerDetail()}) and how it reads in a message ({@link #describe()}).
 */
public sealed interface SendOutcome {

    /** The state its deliveries are settled in: {@code SENT}, {@code FAILED} or {@code UNCERTAIN}. */
    DeliveryState state();

    /** How the failure is classed in the report; empty for a success. */
    Optional<FailureKind> failureKind();

    /** What the ledger records: the dispatch id of a success, the reason (addresses removed) of another. */
    String ledgerDetail();

    /** How the outcome reads in a failure message. */
    String describe();

    /** What the report says of each delivery: the dispatch id of a success, the reason of another. */
    String detail();

    /**
     * The outcome for one recipient of the request: this one, unless a success lists an error naming the recipient
     * ({@link Sent#notProcessed}).
     */
    default SendOutcome forRecipient(long ecuId, long lmsUserId) {
        return this;
    }

    /** The minor errors listed beside a success; none for another outcome. */
    default List<String> errors() {
        return List.of();
    }

    /**
     * Accepted by the messaging service (not necessarily delivered yet).
     *
     * @param queued accepted but queued (Braze's {@code 202 {"message":"queued"}} while it is in maintenance): sent
     *               later by Braze, counted apart from a plain acceptance
     * @param errors the minor errors the messaging service listed beside its acceptance (Braze's {@code errors} array
     *               of a 2xx), addresses removed: a recipient one of them names was not processed
     */
    record Sent(String dispatchId, boolean queued, List<String> errors) implements SendOutcome {
        /** What the ledger records as the dispatch of a request Braze queued (a dispatch id is 128 characters at most). */
        public static final String QUEUED = "queued by Braze (maintenance)";

        public Sent {
            dispatchId = dispatchId == null ? "" : dispatchId;
            errors = errors == null ? List.of() : List.copyOf(errors);
        }

        /** Accepted, not queued, no error listed. */
        public Sent(String dispatchId) {
            this(dispatchId, false, List.of());
        }

        /** Accepted, queued or not, no error listed. */
        public Sent(String dispatchId, boolean queued) {
            this(dispatchId, queued, List.of());
        }

        /**
         * The error that names this recipient (by its ECU id as {@code "ECU 101"}, which is how an echoed address
         * reads once removed, or by its LMS user id, its external id), if one does.
         */
        public Optional<String> errorNaming(long ecuId, long lmsUserId) {
            if (errors.isEmpty()) return Optional.empty();
            Pattern named = Pattern.compile("(?<![0-9])(?:ECU " + ecuId + "|" + lmsUserId + ")(?![0-9])");
            return errors.stream().filter(e -> named.matcher(e).find()).findFirst();
        }

        /**
         * What becomes of a recipient an error names: the request went out, but Braze says this recipient was not
         * processed; whether an email reaches it is unknown, so it is never resent blindly.
         */
        public OutcomeUnknown notProcessed(String error) {
            return new OutcomeUnknown("Braze answered success but listed this recipient in its errors, so it was"
                    + " not processed: " + error);
        }

        @Override
        public SendOutcome forRecipient(long ecuId, long lmsUserId) {
            return errorNaming(ecuId, lmsUserId).<SendOutcome>map(this::notProcessed).orElse(this);
        }

        public boolean dispatchIdKnown() {
            return !dispatchId.isBlank();
        }

        @Override
        public DeliveryState state() {
            return DeliveryState.SENT;
        }

        @Override
        public Optional<FailureKind> failureKind() {
            return Optional.empty();
        }

        @Override
        public String ledgerDetail() {
            return !queued ? dispatchId : dispatchId.isBlank() ? QUEUED : QUEUED + ": " + dispatchId;
        }

        @Override
        public String describe() {
            return "sent (dispatch " + (dispatchIdKnown() ? dispatchId : "id unknown") + ")";
        }

        @Override
        public String detail() {
            return dispatchId;
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

        @Override
        public DeliveryState state() {
            return DeliveryState.FAILED;
        }

        @Override
        public Optional<FailureKind> failureKind() {
            return Optional.of(transientFailure ? FailureKind.SEND_TRANSIENT : FailureKind.SEND_PERMANENT);
        }

        @Override
        public String ledgerDetail() {
            return SafeText.withoutEmails(reason);
        }

        @Override
        public String describe() {
            return "definitely not sent (" + reason + ")";
        }

        @Override
        public String detail() {
            return reason;
        }
    }

    /** The request may or may not have been processed (a read timeout, a connection dropped after sending). */
    record OutcomeUnknown(String reason) implements SendOutcome {
        public OutcomeUnknown {
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public DeliveryState state() {
            return DeliveryState.UNCERTAIN;
        }

        @Override
        public Optional<FailureKind> failureKind() {
            return Optional.of(FailureKind.OUTCOME_UNKNOWN);
        }

        @Override
        public String ledgerDetail() {
            return SafeText.withoutEmails(reason);
        }

        @Override
        public String describe() {
            return "outcome unknown (" + reason + ")";
        }

        @Override
        public String detail() {
            return reason;
        }
    }
}
