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
 * @param adminsSkipped      admins that got nothing, by reason (inactive, no LMS user id, ...)
 * @param deliveries         counts per notification kind code
 * @param failures           every enterprise or delivery that failed: enterprise lookups, sends
 * @param uncertain          deliveries whose outcome is unknown: never resent, named here
 */
public record RunReport(String runId, LocalDate asOf, boolean dryRun,
                        long enterprisesSeen, long enterprisesEvaluated, Map<SkipReason, Long> enterprisesSkipped,
                        long enterprisesFailed, long adminsSeen, Map<SkipReason, Long> adminsSkipped,
                        Map<String, KindCounts> deliveries, long messagesSent, long messengerRequests,
                        List<Failure> failures, List<Failure> uncertain, Duration elapsed) {
    public RunReport {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(asOf, "asOf");
        enterprisesSkipped = Map.copyOf(enterprisesSkipped);
        adminsSkipped = Map.copyOf(adminsSkipped);
        deliveries = Map.copyOf(deliveries);
        failures = List.copyOf(failures);
        uncertain = List.copyOf(uncertain);
        Objects.requireNonNull(elapsed, "elapsed");
    }

    /** True when something failed or is uncertain: the command exits 1. */
    public boolean hasProblems() {
        return !failures.isEmpty() || !uncertain.isEmpty() || enterprisesFailed > 0;
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
     * @param error a short class of the error: {@code ADMIN_LOOKUP}, {@code SEND_TRANSIENT}, {@code SEND_PERMANENT},
     *              {@code OUTCOME_UNKNOWN}, {@code STALE_CLAIM}, {@code STORAGE}, {@code BAD_DATA}
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
}
