package io.licensenotify.ports.in;

import io.licensenotify.domain.NotificationKind;
import io.licensenotify.domain.SkipReason;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * What a run did: counts, and every failure by name. Admins and deliveries are named by ids, never by email.
 *
 * @param enterprisesSkipped enterprises that got nothing, by reason (no auto-assign plan, no admins)
 * @param adminsSkipped      admins (and LMS rows) that got nothing, by reason (inactive, no LMS user id, ...)
 * @param deliveries         counts per notification kind code
 * @param messagesSent       requests the messaging service accepted
 * @param failures           every enterprise or delivery that failed: enterprise lookups, sends
 * @param uncertain          deliveries whose outcome is unknown: never resent, named here
 * @param shared             failures that struck many enterprises for one reason (the LMS down, refused
 *                           credentials), named once; their enterprises are counted in {@code enterprisesFailed}
 * @param dispatchIdsUnknown deliveries accepted by the messaging service whose dispatch id could not be read
 * @param stoppedEarly       why the run ended before every enterprise was evaluated (a signal, a fatal error,
 *                           license data that could not be read); empty when it went through
 * @param enterprisesNotReached enterprises the run expected but never started, when it stopped early
 */
public record RunReport(String runId, LocalDate asOf, boolean dryRun,
                        long enterprisesSeen, long enterprisesEvaluated, Map<SkipReason, Long> enterprisesSkipped,
                        long enterprisesFailed, long adminsSeen, Map<SkipReason, Long> adminsSkipped,
                        Map<String, KindCounts> deliveries, long messagesSent, long messengerRequests,
                        List<Failure> failures, List<Failure> uncertain, Duration elapsed,
                        List<SharedFailure> shared, long dispatchIdsUnknown, Optional<String> stoppedEarly,
                        long enterprisesNotReached) {
    public RunReport {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(asOf, "asOf");
        enterprisesSkipped = Map.copyOf(enterprisesSkipped);
        adminsSkipped = Map.copyOf(adminsSkipped);
        deliveries = Map.copyOf(deliveries);
        failures = List.copyOf(failures);
        uncertain = List.copyOf(uncertain);
        Objects.requireNonNull(elapsed, "elapsed");
        shared = List.copyOf(shared);
        Objects.requireNonNull(stoppedEarly, "stoppedEarly");
    }

    /** A report of a run that went through, with no shared failure. */
    public RunReport(String runId, LocalDate asOf, boolean dryRun, long enterprisesSeen, long enterprisesEvaluated,
                     Map<SkipReason, Long> enterprisesSkipped, long enterprisesFailed, long adminsSeen,
                     Map<SkipReason, Long> adminsSkipped, Map<String, KindCounts> deliveries, long messagesSent,
                     long messengerRequests, List<Failure> failures, List<Failure> uncertain, Duration elapsed) {
        this(runId, asOf, dryRun, enterprisesSeen, enterprisesEvaluated, enterprisesSkipped, enterprisesFailed,
                adminsSeen, adminsSkipped, deliveries, messagesSent, messengerRequests, failures, uncertain, elapsed,
                List.of(), 0, Optional.empty(), 0);
    }

    /** True when every enterprise the run expected was started and finished. */
    public boolean complete() {
        return stoppedEarly.isEmpty();
    }

    /**
     * True unless every enterprise was evaluated and every due email delivered: something failed, is uncertain,
     * or was not reached. The command then exits 1.
     */
    public boolean hasProblems() {
        return !failures.isEmpty() || !uncertain.isEmpty() || enterprisesFailed > 0 || !shared.isEmpty()
                || !complete();
    }

    public KindCounts total() {
        return deliveries.values().stream().reduce(KindCounts.ZERO, KindCounts::plus);
    }

    /** Deliveries of one kind. */
    public record KindCounts(long due, long sent, long failed, long superseded, long uncertain, long claimedElsewhere) {
        public static final KindCounts ZERO = new KindCounts(0, 0, 0, 0, 0, 0);

        public KindCounts plus(KindCounts o) {
            return new KindCounts(due + o.due, sent + o.sent, failed + o.failed, superseded + o.superseded,
                    uncertain + o.uncertain, claimedElsewhere + o.claimedElsewhere);
        }
    }

    /**
     * One thing that went wrong. {@code message} never holds a secret or an email address.
     *
     * @param ecuId absent when the whole enterprise failed
     * @param kind  absent when the whole enterprise failed
     * @param error a short class of the error: {@code ADMIN_LOOKUP}, {@code BAD_DATA} (an LMS row that cannot be
     *              read), {@code SEND_TRANSIENT}, {@code SEND_PERMANENT}, {@code OUTCOME_UNKNOWN}, {@code STALE_CLAIM},
     *              {@code TAKEN_OVER} (another run took the claim over), {@code STORAGE}, {@code STOPPED},
     *              {@code UNEXPECTED}, {@code FATAL}
     */
    public record Failure(UUID enterprise, Optional<Long> ecuId, Optional<NotificationKind> kind, String error,
                          String message) {
        public Failure {
            Objects.requireNonNull(enterprise, "enterprise");
            Objects.requireNonNull(ecuId, "ecuId");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(error, "error");
            message = message == null ? "" : message;
        }
    }

    /**
     * One reason that failed many enterprises (the LMS circuit open, credentials refused), named once.
     *
     * @param enterprises how many enterprises it failed
     * @param examples    the first few of them
     */
    public record SharedFailure(String error, String message, long enterprises, List<UUID> examples) {
        public SharedFailure {
            Objects.requireNonNull(error, "error");
            message = message == null ? "" : message;
            examples = List.copyOf(examples);
        }
    }
}
