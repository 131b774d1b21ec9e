package io.licensenotify.application;

import io.licensenotify.domain.NotificationKind;
import io.licensenotify.domain.SkipReason;
import io.licensenotify.ports.in.RunReport;
import io.licensenotify.ports.in.RunReport.Failure;
import io.licensenotify.ports.in.RunReport.KindCounts;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** The run report while it is being built by several workers at once. */
final class Tally {
    private final LongAdder enterprisesSeen = new LongAdder();
    private final LongAdder enterprisesEvaluated = new LongAdder();
    private final LongAdder enterprisesFailed = new LongAdder();
    private final LongAdder adminsSeen = new LongAdder();
    private final LongAdder messagesSent = new LongAdder();
    private final Map<SkipReason, LongAdder> enterprisesSkipped = new ConcurrentHashMap<>();
    private final Map<SkipReason, LongAdder> adminsSkipped = new ConcurrentHashMap<>();
    private final Map<String, Counters> kinds = new ConcurrentHashMap<>();
    private final List<Failure> failures = new ArrayList<>();
    private final List<Failure> uncertain = new ArrayList<>();

    enum Count { DUE, SENT, FAILED, SUPERSEDED, UNCERTAIN, CLAIMED_ELSEWHERE }

    private static final class Counters {
        final Map<Count, LongAdder> values = new EnumMap<>(Count.class);

        Counters() {
            for (Count c : Count.values()) values.put(c, new LongAdder());
        }

        KindCounts snapshot() {
            return new KindCounts(get(Count.DUE), get(Count.SENT), get(Count.FAILED), get(Count.SUPERSEDED),
                    get(Count.UNCERTAIN), get(Count.CLAIMED_ELSEWHERE));
        }

        private long get(Count c) {
            return values.get(c).sum();
        }
    }

    void enterpriseSeen() {
        enterprisesSeen.increment();
    }

    void enterpriseEvaluated() {
        enterprisesEvaluated.increment();
    }

    void enterpriseSkipped(SkipReason reason) {
        enterprisesSkipped.computeIfAbsent(reason, r -> new LongAdder()).increment();
    }

    void enterpriseFailed(Failure failure) {
        enterprisesFailed.increment();
        failed(failure);
    }

    void adminsSeen(int count) {
        adminsSeen.add(count);
    }

    void adminSkipped(SkipReason reason) {
        adminsSkipped.computeIfAbsent(reason, r -> new LongAdder()).increment();
    }

    void messageSent() {
        messagesSent.increment();
    }

    void count(NotificationKind kind, Count what, long n) {
        kinds.computeIfAbsent(kind.code(), k -> new Counters()).values.get(what).add(n);
    }

    void failed(Failure failure) {
        synchronized (failures) {
            failures.add(failure);
        }
    }

    void uncertain(Failure failure) {
        synchronized (uncertain) {
            uncertain.add(failure);
        }
    }

    RunReport report(String runId, LocalDate asOf, boolean dryRun, long messengerRequests, Duration elapsed) {
        Map<String, KindCounts> counts = new TreeMap<>();
        kinds.forEach((code, c) -> counts.put(code, c.snapshot()));
        List<Failure> f;
        List<Failure> u;
        synchronized (failures) {
            f = List.copyOf(failures);
        }
        synchronized (uncertain) {
            u = List.copyOf(uncertain);
        }
        return new RunReport(runId, asOf, dryRun, enterprisesSeen.sum(), enterprisesEvaluated.sum(),
                sums(enterprisesSkipped), enterprisesFailed.sum(), adminsSeen.sum(), sums(adminsSkipped), counts,
                messagesSent.sum(), messengerRequests, f, u, elapsed);
    }

    private static Map<SkipReason, Long> sums(Map<SkipReason, LongAdder> adders) {
        Map<SkipReason, Long> out = new EnumMap<>(SkipReason.class);
        adders.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }
}
