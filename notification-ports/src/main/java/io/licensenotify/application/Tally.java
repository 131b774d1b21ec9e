package io.licensenotify.application;

import io.licensenotify.domain.Delivery;
import io.licensenotify.domain.DeliveryKey;
import io.licensenotify.domain.Enterprise;
import io.licensenotify.domain.NotificationKind;
import io.licensenotify.domain.SkipReason;
import io.licensenotify.ports.failure.Failure;
import io.licensenotify.ports.failure.FailureKind;
import io.licensenotify.ports.in.RunObserver;
import io.licensenotify.ports.in.RunObserver.Fate;
import io.licensenotify.ports.in.RunReport;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.LongAdder;

/**
 * The run report while several workers build it, a tally per part of the report. Each delivery's fate is recorded
 * once, here: it is counted, named among the failures when it is one, and told to the observer, so the counts and
 * what the observer hears never disagree.
 */
final class Tally {
    private final RunObserver observer;
    private final EnterpriseTally enterprises = new EnterpriseTally();
    private final AdminTally admins = new AdminTally();
    private final KindTally kinds = new KindTally();
    private final ProblemTally problems = new ProblemTally();
    /** Requests the messaging service accepted; in a dry run, the requests it would make. */
    private final LongAdder accepted = new LongAdder();
    private final List<RunReport.WouldSend> wouldSend = new ArrayList<>();

    Tally(RunObserver observer) {
        this.observer = observer;
    }

    void enterpriseSeen(Enterprise enterprise, boolean named) {
        enterprises.seen(enterprise.uuid(), named);
        problems.started(enterprise);
    }

    /** Keeps the enterprise's name for the report: a delivery of it failed after its worker was done. */
    void keepName(Enterprise enterprise) {
        problems.keepName(enterprise);
    }

    /** In a dry run: one more request the run would make. */
    void requestPlanned() {
        accepted.increment();
    }

    /** The enterprise's worker is done: its name is kept only if it had a failure. */
    void enterpriseDone(UUID enterprise) {
        problems.done(enterprise);
    }

    /** In a run for named enterprises: this one has no auto-assign plan. */
    void withoutPlan(UUID enterprise) {
        enterprises.withoutPlan(enterprise);
    }

    void enterpriseEvaluated() {
        enterprises.evaluated();
    }

    void enterpriseSkipped(SkipReason reason) {
        enterprises.skipped(reason);
    }

    void enterpriseFailed(Failure failure) {
        enterprises.failed();
        problems.failure(failure);
    }

    /** An enterprise failed for a reason it shares with others; returns true for the first of them. */
    boolean enterpriseFailedShared(UUID enterprise, FailureKind error, String message) {
        enterprises.failed();
        return problems.shared(enterprise, error, message);
    }

    /** The LMS listed no admin for this enterprise. */
    void enterpriseWithoutAdmins(UUID enterprise) {
        enterprises.withoutAdmins(enterprise);
    }

    void adminsSeen(int count) {
        admins.seen(count);
    }

    void adminSkipped(SkipReason reason) {
        admins.skipped(reason);
    }

    /** A request the messaging service accepted. */
    void messageAccepted(boolean dispatchIdKnown, int recipients) {
        accepted.increment();
        if (!dispatchIdKnown) problems.dispatchIdsUnknown(recipients);
    }

    /** Rule 6: due or superseded, but suppressed. */
    void suppressed(Delivery delivery) {
        delivery(delivery.key(), Fate.SUPPRESSED, "suppressed");
    }

    /** Sent, and queued by the messaging service to go out later (Braze in maintenance). */
    void queued(NotificationKind kind, int deliveries) {
        kinds.queued(kind, deliveries);
    }

    void due(Delivery delivery) {
        kinds.due(delivery.kind());
    }

    /** A dry run would send it. */
    void wouldSend(Delivery delivery) {
        synchronized (wouldSend) {
            wouldSend.add(new RunReport.WouldSend(delivery.key(), delivery.lmsUserId(), delivery.plan().uuid()));
        }
        delivery(delivery.key(), Fate.WOULD_SEND, "dry run");
    }

    /** A delivery's fate that is no problem: sent, superseded, held by another run. */
    void delivery(DeliveryKey key, Fate fate, String detail) {
        kinds.fate(key.kind(), fate);
        observer.delivery(key, fate, detail);
    }

    /** A delivery's fate that is a problem ({@link Fate#FAILED} or {@link Fate#UNCERTAIN}), named in the report. */
    void delivery(DeliveryKey key, Fate fate, FailureKind problem, String detail) {
        Failure failure = Failure.of(key, problem, detail);
        kinds.fate(key.kind(), fate);
        if (fate == Fate.UNCERTAIN) problems.uncertain(failure);
        else problems.failure(failure);
        observer.delivery(key, fate, failure.message());
    }

    /** A failure beside any fate: an unreadable LMS row, a claim taken over after its request. */
    void problem(Failure failure) {
        problems.failure(failure);
    }

    /**
     * The report of the run so far.
     *
     * @param requestsMade the requests the run made to the messaging service
     * @param expected     the enterprises the run expected, to tell how many it did not reach when it stopped early
     * @param named        the enterprises asked for by name; empty for all
     */
    RunReport report(RunReport.Scope scope, long requestsMade, Optional<String> stoppedEarly, long expected,
                     Set<UUID> named) {
        long notReached = stoppedEarly.isPresent() ? Math.max(0, expected - enterprises.seen()) : 0;
        List<UUID> unknown = stoppedEarly.isPresent() ? List.of() : enterprises.notStarted(named);
        return new RunReport(scope, enterprises.counts(), admins.counts(), kinds.counts(),
                new RunReport.Requests(requestsMade, accepted.sum()),
                problems.problems(enterprises.noAdminAnywhere(admins.seen()), stoppedEarly, notReached, unknown,
                        enterprises.withoutPlan()),
                copy(wouldSend), List.of());
    }

    /** A copy of a list the workers add to under its lock. */
    static <T> List<T> copy(List<T> list) {
        synchronized (list) {
            return List.copyOf(list);
        }
    }

    static Map<SkipReason, Long> sums(Map<SkipReason, LongAdder> adders) {
        Map<SkipReason, Long> out = new EnumMap<>(SkipReason.class);
        adders.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }
}
