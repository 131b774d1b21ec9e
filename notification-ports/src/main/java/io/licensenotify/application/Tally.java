package io.licensenotify.application;

import io.licensenotify.domain.NotificationKind;
import io.licensenotify.domain.SkipReason;
import io.licensenotify.ports.in.RunReport;
import io.licensenotify.ports.in.RunReport.Failure;
import io.licensenotify.ports.in.RunReport.KindCounts;
import io.licensenotify.ports.in.RunReport.SharedFailure;
import io.licensenotify.ports.out.Redact;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** The run report while it is being built by several workers at once. Messages lose any email address here. */
final class Tally {
    private static final int SHARED_EXAMPLES = 5;

    private final LongAdder enterprisesSeen = new LongAdder();
    private final LongAdder enterprisesEvaluated = new LongAdder();
    private final LongAdder enterprisesFailed = new LongAdder();
    private final LongAdder adminsSeen = new LongAdder();
    private final LongAdder messagesSent = new LongAdder();
    private final LongAdder dispatchIdsUnknown = new LongAdder();
    private final Map<SkipReason, LongAdder> enterprisesSkipped = new ConcurrentHashMap<>();
    private final Map<SkipReason, LongAdder> adminsSkipped = new ConcurrentHashMap<>();
    private final Map<String, Counters> kinds = new ConcurrentHashMap<>();
    private final List<Failure> failures = new ArrayList<>();
    private final List<Failure> uncertain = new ArrayList<>();
    private final Map<String, Shared> shared = new LinkedHashMap<>();

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

    private static final class Shared {
        final String error;
        final String message;
        long count;
        final List<UUID> examples = new ArrayList<>();

        Shared(String error, String message) {
            this.error = error;
            this.message = message;
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

    /** An enterprise failed for a reason it shares with others; returns true for the first of them. */
    boolean enterpriseFailedShared(UUID enterprise, String error, String message) {
        enterprisesFailed.increment();
        String text = Redact.emails(message);
        synchronized (shared) {
            Shared s = shared.computeIfAbsent(error + "\n" + text, k -> new Shared(error, text));
            s.count++;
            if (s.examples.size() < SHARED_EXAMPLES) s.examples.add(enterprise);
            return s.count == 1;
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

    void count(NotificationKind kind, Count what, long n) {
        kinds.computeIfAbsent(kind.code(), k -> new Counters()).values.get(what).add(n);
    }

    void failed(Failure failure) {
        synchronized (failures) {
            failures.add(redacted(failure));
        }
    }

    void uncertain(Failure failure) {
        synchronized (uncertain) {
            uncertain.add(redacted(failure));
        }
    }

    private static Failure redacted(Failure f) {
        return new Failure(f.enterprise(), f.ecuId(), f.kind(), f.error(), Redact.emails(f.message()));
    }

    RunReport report(String runId, LocalDate asOf, boolean dryRun, long messengerRequests, Duration elapsed,
                     Optional<String> stoppedEarly, long expected) {
        Map<String, KindCounts> counts = new TreeMap<>();
        kinds.forEach((code, c) -> counts.put(code, c.snapshot()));
        List<Failure> f;
        List<Failure> u;
        List<SharedFailure> s = new ArrayList<>();
        synchronized (failures) {
            f = List.copyOf(failures);
        }
        synchronized (uncertain) {
            u = List.copyOf(uncertain);
        }
        synchronized (shared) {
            shared.values().forEach(x -> s.add(new SharedFailure(x.error, x.message, x.count, x.examples)));
        }
        long seen = enterprisesSeen.sum();
        long notReached = stoppedEarly.isPresent() ? Math.max(0, expected - seen) : 0;
        return new RunReport(runId, asOf, dryRun, seen, enterprisesEvaluated.sum(), sums(enterprisesSkipped),
                enterprisesFailed.sum(), adminsSeen.sum(), sums(adminsSkipped), counts, messagesSent.sum(),
                messengerRequests, f, u, elapsed, s, dispatchIdsUnknown.sum(), stoppedEarly, notReached);
    }

    private static Map<SkipReason, Long> sums(Map<SkipReason, LongAdder> adders) {
        Map<SkipReason, Long> out = new EnumMap<>(SkipReason.class);
        adders.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }
}
