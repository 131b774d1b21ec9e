package io.licensenotify.application;

import io.licensenotify.domain.Delivery;
import io.licensenotify.domain.DeliveryKey;
import io.licensenotify.domain.Enterprise;
import io.licensenotify.domain.NotificationKind;
import io.licensenotify.domain.SkipReason;
import io.licensenotify.domain.Shard;
import io.licensenotify.ports.in.RunObserver;
import io.licensenotify.ports.in.RunObserver.Fate;
import io.licensenotify.ports.in.RunReport;
import io.licensenotify.ports.in.RunReport.KindCounts;
import io.licensenotify.ports.out.Failure;
import io.licensenotify.ports.out.FailureKind;
import io.licensenotify.ports.out.SharedFailure;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The run report while several workers build it. Each delivery's fate is recorded once, here: it is counted, named
 * among the failures when it is one, and told to the observer, so the counts and what the observer hears never
 * disagree.
 */
final class Tally {
    private static final int SHARED_EXAMPLES = 5;

    private final RunObserver observer;
    private final LongAdder enterprisesSeen = new LongAdder();
    private final LongAdder enterprisesEvaluated = new LongAdder();
    private final LongAdder enterprisesFailed = new LongAdder();
    private final LongAdder adminsSeen = new LongAdder();
    /** A few of the enterprises the LMS listed no admin for, to name when it listed none for any. */
    private final List<UUID> withoutAdmins = new ArrayList<>();
    private final LongAdder messagesSent = new LongAdder();
    private final LongAdder dispatchIdsUnknown = new LongAdder();
    private final Map<SkipReason, LongAdder> enterprisesSkipped = new ConcurrentHashMap<>();
    private final Map<SkipReason, LongAdder> adminsSkipped = new ConcurrentHashMap<>();
    private final Map<NotificationKind, Counters> kinds = new ConcurrentHashMap<>();
    private final List<Failure> failures = new ArrayList<>();
    private final List<Failure> uncertain = new ArrayList<>();
    private final List<RunReport.WouldSend> wouldSend = new ArrayList<>();
    private final Map<String, Shared> shared = new LinkedHashMap<>();
    private final Set<UUID> started = ConcurrentHashMap.newKeySet();
    private final Set<UUID> withoutPlan = ConcurrentHashMap.newKeySet();
    /** Names of the enterprises being processed, and of those that had a failure: the report names them. */
    private final Map<UUID, String> inProgress = new ConcurrentHashMap<>();
    private final Map<UUID, String> names = new ConcurrentHashMap<>();

    Tally(RunObserver observer) {
        this.observer = observer;
    }

    /** Per kind: how many were due, and how many met each fate. */
    private static final class Counters {
        final LongAdder due = new LongAdder();
        final LongAdder queued = new LongAdder();
        final Map<Fate, LongAdder> fates = new EnumMap<>(Fate.class);

        Counters() {
            for (Fate f : Fate.values()) fates.put(f, new LongAdder());
        }

        KindCounts snapshot() {
            return new KindCounts(due.sum(), get(Fate.SENT), get(Fate.FAILED), get(Fate.SUPERSEDED),
                    get(Fate.UNCERTAIN), get(Fate.CLAIMED_ELSEWHERE), get(Fate.SUPPRESSED), queued.sum());
        }

        private long get(Fate f) {
            return fates.get(f).sum();
        }
    }

    private static final class Shared {
        final FailureKind error;
        final String message;
        long count;
        final List<UUID> examples = new ArrayList<>();

        Shared(FailureKind error, String message) {
            this.error = error;
            this.message = message;
        }
    }

    void enterpriseSeen(Enterprise enterprise, boolean named) {
        enterprisesSeen.increment();
        if (named) started.add(enterprise.uuid());
        String name = nameOf(enterprise);
        if (!name.isBlank()) inProgress.put(enterprise.uuid(), name);
    }

    /** Keeps the enterprise's name for the report: a delivery of it failed after its worker was done. */
    void keepName(Enterprise enterprise) {
        String name = nameOf(enterprise);
        if (!name.isBlank()) names.put(enterprise.uuid(), name);
    }

    private static String nameOf(Enterprise enterprise) {
        return enterprise.name().isBlank() ? enterprise.slug().orElse("") : enterprise.name();
    }

    /** In a dry run: one more request the run would make. */
    void requestPlanned() {
        messagesSent.increment();
    }

    /** The enterprise's worker is done: its name is kept only if it had a failure. */
    void enterpriseDone(UUID enterprise) {
        inProgress.remove(enterprise);
    }

    private void keepName(UUID enterprise) {
        String name = inProgress.get(enterprise);
        if (name != null) names.put(enterprise, name);
    }

    /** In a run for named enterprises: this one has no auto-assign plan. */
    void withoutPlan(UUID enterprise) {
        withoutPlan.add(enterprise);
    }

    void enterpriseEvaluated() {
        enterprisesEvaluated.increment();
    }

    void enterpriseSkipped(SkipReason reason) {
        enterprisesSkipped.computeIfAbsent(reason, r -> new LongAdder()).increment();
    }

    void enterpriseFailed(Failure failure) {
        enterprisesFailed.increment();
        problem(failure);
    }

    /** An enterprise failed for a reason it shares with others; returns true for the first of them. */
    boolean enterpriseFailedShared(UUID enterprise, FailureKind error, String message) {
        enterprisesFailed.increment();
        SharedFailure probe = new SharedFailure(error, message, 0, List.of()); // removes addresses once
        synchronized (shared) {
            Shared s = shared.computeIfAbsent(error + "\n" + probe.message(), k -> new Shared(error, probe.message()));
            s.count++;
            if (s.examples.size() < SHARED_EXAMPLES) s.examples.add(enterprise);
            return s.count == 1;
        }
    }

    /** The LMS listed no admin for this enterprise. */
    void enterpriseWithoutAdmins(UUID enterprise) {
        enterpriseSkipped(SkipReason.NO_ADMINS);
        synchronized (withoutAdmins) {
            if (withoutAdmins.size() < SHARED_EXAMPLES) withoutAdmins.add(enterprise);
        }
    }

    void adminsSeen(int count) {
        adminsSeen.add(count);
    }

    void adminSkipped(SkipReason reason) {
        adminsSkipped.computeIfAbsent(reason, r -> new LongAdder()).increment();
    }

    /** A request the messaging service accepted. */
    void messageAccepted(boolean dispatchIdKnown, int recipients) {
        messagesSent.increment();
        if (!dispatchIdKnown) dispatchIdsUnknown.add(recipients);
    }

    /** Rule 6: due or superseded, but suppressed. */
    void suppressed(Delivery delivery) {
        delivery(delivery.key(), Fate.SUPPRESSED, "suppressed");
    }

    /** Sent, and queued by the messaging service to go out later (Braze in maintenance). */
    void queued(NotificationKind kind, int deliveries) {
        counters(kind).queued.add(deliveries);
    }

    void due(Delivery delivery) {
        counters(delivery.kind()).due.increment();
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
        counters(key.kind()).fates.get(fate).increment();
        observer.delivery(key, fate, detail);
    }

    /** A delivery's fate that is a problem ({@link Fate#FAILED} or {@link Fate#UNCERTAIN}), named in the report. */
    void delivery(DeliveryKey key, Fate fate, FailureKind problem, String detail) {
        Failure failure = Failure.of(key, problem, detail);
        counters(key.kind()).fates.get(fate).increment();
        if (fate == Fate.UNCERTAIN) {
            keepName(key.enterprise());
            synchronized (uncertain) {
                uncertain.add(failure);
            }
        } else {
            problem(failure);
        }
        observer.delivery(key, fate, failure.message());
    }

    /** A failure beside any fate: an unreadable LMS row, a claim taken over after its request. */
    void problem(Failure failure) {
        keepName(failure.enterprise());
        synchronized (failures) {
            failures.add(failure);
        }
    }

    private Counters counters(NotificationKind kind) {
        return kinds.computeIfAbsent(kind, k -> new Counters());
    }

    RunReport report(String runId, LocalDate asOf, boolean dryRun, long messengerRequests, Duration elapsed,
                     Optional<String> stoppedEarly, long expected, Set<UUID> named, Shard shard) {
        Map<NotificationKind, KindCounts> counts = new LinkedHashMap<>();
        kinds.forEach((kind, c) -> counts.put(kind, c.snapshot()));
        List<SharedFailure> s = new ArrayList<>();
        synchronized (shared) {
            shared.values().forEach(x -> s.add(new SharedFailure(x.error, x.message, x.count, x.examples)));
        }
        noAdminAnywhere().ifPresent(s::add);
        long seen = enterprisesSeen.sum();
        long notReached = stoppedEarly.isPresent() ? Math.max(0, expected - seen) : 0;
        return new RunReport(runId, asOf, dryRun, seen, enterprisesEvaluated.sum(), sums(enterprisesSkipped),
                enterprisesFailed.sum(), adminsSeen.sum(), sums(adminsSkipped), counts, messagesSent.sum(),
                messengerRequests, named(copy(failures)), named(copy(uncertain)), elapsed, s, dispatchIdsUnknown.sum(),
                stoppedEarly, notReached, copy(wouldSend), List.of(),
                stoppedEarly.isPresent() ? List.of() : named.stream().filter(u -> !started.contains(u)).sorted().toList(),
                withoutPlan.stream().sorted().toList(), shard);
    }

    /**
     * The LMS listed no admin for any enterprise it was asked about: what a service user without staff rights sees
     * (docs/operating.md "Configuration", {@code lms.oauth.client-id}), not a day on which nobody administers anything. A
     * failure, so that the run does not say "everything due was delivered".
     */
    private Optional<SharedFailure> noAdminAnywhere() {
        LongAdder none = enterprisesSkipped.get(SkipReason.NO_ADMINS);
        long count = none == null ? 0 : none.sum();
        if (count == 0 || adminsSeen.sum() > 0) return Optional.empty();
        synchronized (withoutAdmins) {
            return Optional.of(new SharedFailure(FailureKind.ADMIN_LOOKUP, "the LMS listed no admin for "
                    + (count == 1 ? "the one enterprise" : "any of the " + count + " enterprises")
                    + " looked up, so nobody was notified: the service user of lms.oauth.client-id may lack the staff"
                    + " rights to list another enterprise's admins ('license-notify check' tries it)", count,
                    List.copyOf(withoutAdmins)));
        }
    }

    /** Each failure with its enterprise's name, where the run knew it. */
    private List<Failure> named(List<Failure> list) {
        return list.stream().map(f -> f.enterpriseName().isPresent() || !names.containsKey(f.enterprise()) ? f
                : f.withEnterpriseName(names.get(f.enterprise()))).toList();
    }

    private static <T> List<T> copy(List<T> list) {
        synchronized (list) {
            return List.copyOf(list);
        }
    }

    private static Map<SkipReason, Long> sums(Map<SkipReason, LongAdder> adders) {
        Map<SkipReason, Long> out = new EnumMap<>(SkipReason.class);
        adders.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }
}
