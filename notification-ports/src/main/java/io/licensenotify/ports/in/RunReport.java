package io.licensenotify.ports.in;

import io.licensenotify.domain.DeliveryKey;
import io.licensenotify.domain.NotificationKind;
import io.licensenotify.domain.Shard;
import io.licensenotify.domain.SkipReason;
import io.licensenotify.ports.failure.RunErrors;
import io.licensenotify.ports.failure.RunProblems;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;

/**
 * What a run did: counts, and every failure by name. Admins and deliveries are named by ids, never by email.
 *
 * @param deliveries counts per notification kind, ordered by kind code
 * @param wouldSend  in a dry run, what would have been sent
 * @param warnings   what did not stop the run but the operator should know (a run-error email that could not be
 *                   sent)
 */
public record RunReport(Scope scope, EnterpriseCounts enterprises, AdminCounts admins,
                        Map<NotificationKind, KindCounts> deliveries, Requests requests, RunProblems problems,
                        List<WouldSend> wouldSend, List<String> warnings) {
    public RunReport {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(enterprises, "enterprises");
        Objects.requireNonNull(admins, "admins");
        TreeMap<NotificationKind, KindCounts> byCode = new TreeMap<>(NotificationKind.BY_CODE);
        byCode.putAll(deliveries);
        deliveries = Collections.unmodifiableMap(byCode);
        Objects.requireNonNull(requests, "requests");
        Objects.requireNonNull(problems, "problems");
        wouldSend = List.copyOf(wouldSend);
        warnings = List.copyOf(warnings);
    }

    /**
     * The report of a run that could not start (its database unreachable, its ledger not migrated): nothing was
     * evaluated, claimed or sent; {@code why} names the cause.
     */
    public static RunReport notStarted(String runId, LocalDate asOf, boolean dryRun, Shard shard, String why,
                                       Duration elapsed) {
        return new RunReport(new Scope(runId, asOf, dryRun, shard, elapsed), EnterpriseCounts.ZERO, AdminCounts.ZERO,
                Map.of(), Requests.ZERO, RunProblems.stopped("the run could not start: " + why, 0), List.of(),
                List.of());
    }

    /** True when every enterprise the run expected was started and finished. */
    public boolean complete() {
        return problems.complete();
    }

    /**
     * True unless every enterprise was evaluated and every due email delivered: something failed, is uncertain,
     * or was not reached. The command then exits 1.
     */
    public boolean hasProblems() {
        return !problems.failures().isEmpty() || !problems.uncertain().isEmpty() || enterprises.failed() > 0
                || !problems.shared().isEmpty() || !complete();
    }

    /** Whether some enterprises asked for by name are not known to license-manager: nothing was evaluated for them. */
    public boolean missedWhatWasAsked() {
        return !problems.unknownEnterprises().isEmpty();
    }

    /**
     * Deliveries sent per request the messaging service accepted (in a dry run: due per request it would make);
     * 0 when there was none.
     */
    public double recipientsPerRequest() {
        if (requests.accepted() == 0) return 0;
        return (scope.dryRun() ? total().due() : total().sent()) / (double) requests.accepted();
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
        List<String> more = new ArrayList<>(warnings);
        more.add(warning);
        return new RunReport(scope, enterprises, admins, deliveries, requests, problems, wouldSend, more);
    }

    /** What the run-error notification needs of this report. */
    public RunErrors errors() {
        return new RunErrors(scope.runId(), scope.asOf(), scope.shard(), problems);
    }

    /**
     * Which run this was.
     *
     * @param shard the share of the enterprises the run handled; {@link Shard#ALL} when unsharded
     */
    public record Scope(String runId, LocalDate asOf, boolean dryRun, Shard shard, Duration elapsed) {
        public Scope {
            Objects.requireNonNull(runId, "runId");
            Objects.requireNonNull(asOf, "asOf");
            shard = shard == null ? Shard.ALL : shard;
            Objects.requireNonNull(elapsed, "elapsed");
        }
    }

    /**
     * The enterprises the run saw.
     *
     * @param skipped enterprises that got nothing, by reason (no auto-assign plan, no admins)
     * @param failed  enterprises that failed, alone or together with others ({@link RunProblems#shared()})
     */
    public record EnterpriseCounts(long seen, long evaluated, Map<SkipReason, Long> skipped, long failed) {
        public static final EnterpriseCounts ZERO = new EnterpriseCounts(0, 0, Map.of(), 0);

        public EnterpriseCounts {
            skipped = Map.copyOf(skipped);
        }
    }

    /**
     * The admins the run saw.
     *
     * @param skipped admins (and LMS rows) that got nothing, by reason (inactive, no LMS user id, ...)
     */
    public record AdminCounts(long seen, Map<SkipReason, Long> skipped) {
        public static final AdminCounts ZERO = new AdminCounts(0, Map.of());

        public AdminCounts {
            skipped = Map.copyOf(skipped);
        }
    }

    /**
     * The requests to the messaging service.
     *
     * @param made     requests the run made, retries included
     * @param accepted requests the messaging service accepted; in a dry run, the requests it would make
     */
    public record Requests(long made, long accepted) {
        public static final Requests ZERO = new Requests(0, 0);
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
