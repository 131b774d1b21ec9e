package io.licensenotify.ports.in;

import io.licensenotify.domain.DeliveryKey;
import io.licensenotify.domain.NotificationKind;
import io.licensenotify.domain.Shard;
import io.licensenotify.domain.SkipReason;
import io.licensenotify.ports.out.Failure;
import io.licensenotify.ports.out.RunProblems;
import io.licensenotify.ports.out.SharedFailure;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * What a run did: counts, and every failure by name. Admins and deliveries are named by ids, never by email.
 *
 * @param enterprisesSkipped    enterprises that got nothing, by reason (no auto-assign plan, no admins)
 * @param adminsSkipped         admins (and LMS rows) that got nothing, by reason (inactive, no LMS user id, ...)
 * @param deliveries            counts per notification kind, ordered by kind code
 * @param messagesSent          requests the messaging service accepted; in a dry run, the requests it would make
 * @param failures              every enterprise or delivery that failed
 * @param uncertain             deliveries whose outcome is unknown: never resent, named here
 * @param shared                failures that struck many enterprises for one reason, named once; their enterprises
 *                              are counted in {@code enterprisesFailed}
 * @param dispatchIdsUnknown    deliveries accepted by the messaging service whose dispatch id could not be read
 * @param stoppedEarly          why the run ended before every enterprise was evaluated; empty when it went through
 * @param enterprisesNotReached enterprises the run expected but never started, when it stopped early
 * @param wouldSend             in a dry run, what would have been sent
 * @param warnings              what did not stop the run but the operator should know (a run-error email that
 *                              could not be sent)
 * @param shard                 the share of the enterprises the run handled; {@link Shard#ALL} when unsharded
 */
public record RunReport(String runId, LocalDate asOf, boolean dryRun,
                        long enterprisesSeen, long enterprisesEvaluated, Map<SkipReason, Long> enterprisesSkipped,
                        long enterprisesFailed, long adminsSeen, Map<SkipReason, Long> adminsSkipped,
                        Map<NotificationKind, KindCounts> deliveries, long messagesSent, long messengerRequests,
                        List<Failure> failures, List<Failure> uncertain, Duration elapsed,
                        List<SharedFailure> shared, long dispatchIdsUnknown, Optional<String> stoppedEarly,
                        long enterprisesNotReached, List<WouldSend> wouldSend, List<String> warnings,
                        List<UUID> unknownEnterprises, List<UUID> withoutAutoAssignPlan, Shard shard) {
    public RunReport {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(asOf, "asOf");
        enterprisesSkipped = Map.copyOf(enterprisesSkipped);
        adminsSkipped = Map.copyOf(adminsSkipped);
        TreeMap<NotificationKind, KindCounts> byCode = new TreeMap<>(NotificationKind.BY_CODE);
        byCode.putAll(deliveries);
        deliveries = Collections.unmodifiableMap(byCode);
        failures = List.copyOf(failures);
        uncertain = List.copyOf(uncertain);
        Objects.requireNonNull(elapsed, "elapsed");
        shared = List.copyOf(shared);
        Objects.requireNonNull(stoppedEarly, "stoppedEarly");
        wouldSend = List.copyOf(wouldSend);
        warnings = List.copyOf(warnings);
        unknownEnterprises = List.copyOf(unknownEnterprises);
        withoutAutoAssignPlan = List.copyOf(withoutAutoAssignPlan);
        shard = shard == null ? Shard.ALL : shard;
    }

    /**
     * The report of a run that could not start (its database unreachable, its ledger not migrated): nothing was
     * evaluated, claimed or sent; {@code why} names the cause.
     */
    public static RunReport notStarted(String runId, LocalDate asOf, boolean dryRun, Shard shard, String why,
                                       Duration elapsed) {
        return new RunReport(runId, asOf, dryRun, 0, 0, Map.of(), 0, 0, Map.of(), Map.of(), 0, 0, List.of(), List.of(),
                elapsed, List.of(), 0, Optional.of("the run could not start: " + why), 0, List.of(), List.of(),
                List.of(), List.of(), shard);
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

    /** Whether some enterprises asked for by name are not known to license-manager: nothing was evaluated for them. */
    public boolean missedWhatWasAsked() {
        return !unknownEnterprises.isEmpty();
    }

    /**
     * Deliveries sent per request the messaging service accepted (in a dry run: due per request it would make);
     * 0 when there was none.
     */
    public double recipientsPerRequest() {
        if (messagesSent == 0) return 0;
        return (dryRun ? total().due() : total().sent()) / (double) messagesSent;
    }

    public KindCounts total() {
        return deliveries.values().stream().reduce(KindCounts.ZERO, KindCounts::plus);
    }

    /** The counts of one kind, zero when the run saw none. */
    public KindCounts of(NotificationKind kind) {
        return deliveries.getOrDefault(kind, KindCounts.ZERO);
    }

    /** The same report with a warning more. */
    public RunReport withWarning(String warning) {
        List<String> more = new java.util.ArrayList<>(warnings);
        more.add(warning);
        return new RunReport(runId, asOf, dryRun, enterprisesSeen, enterprisesEvaluated, enterprisesSkipped,
                enterprisesFailed, adminsSeen, adminsSkipped, deliveries, messagesSent, messengerRequests, failures,
                uncertain, elapsed, shared, dispatchIdsUnknown, stoppedEarly, enterprisesNotReached, wouldSend, more,
                unknownEnterprises, withoutAutoAssignPlan, shard);
    }

    /** What the run-error notification needs of this report. */
    public RunProblems problems() {
        return new RunProblems(runId, asOf, failures, uncertain, shared, stoppedEarly, enterprisesNotReached, shard);
    }

    /**
     * Deliveries of one kind.
     *
     * @param suppressed due or superseded, but covered by a suppression: neither recorded nor sent
     */
    public record KindCounts(long due, long sent, long failed, long superseded, long uncertain, long claimedElsewhere,
                             long suppressed, long queued) {
        public static final KindCounts ZERO = new KindCounts(0, 0, 0, 0, 0, 0, 0, 0);

        /** Nothing queued by Braze: {@code queued} is the part of {@code sent} that Braze took on to send later. */
        public KindCounts(long due, long sent, long failed, long superseded, long uncertain, long claimedElsewhere,
                          long suppressed) {
            this(due, sent, failed, superseded, uncertain, claimedElsewhere, suppressed, 0);
        }

        public KindCounts(long due, long sent, long failed, long superseded, long uncertain, long claimedElsewhere) {
            this(due, sent, failed, superseded, uncertain, claimedElsewhere, 0);
        }

        public KindCounts plus(KindCounts o) {
            return new KindCounts(due + o.due, sent + o.sent, failed + o.failed, superseded + o.superseded,
                    uncertain + o.uncertain, claimedElsewhere + o.claimedElsewhere, suppressed + o.suppressed,
                    queued + o.queued);
        }
    }

    /** In a dry run, one delivery that would have been sent: ids only. */
    public record WouldSend(DeliveryKey key, long lmsUserId, UUID plan) {
        public WouldSend {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(plan, "plan");
        }
    }
}
