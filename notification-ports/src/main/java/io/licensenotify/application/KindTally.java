package io.licensenotify.application;

import io.licensenotify.domain.NotificationKind;
import io.licensenotify.ports.in.RunObserver.Fate;
import io.licensenotify.ports.in.RunReport.KindCounts;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** The deliveries part of the run report while several workers count it: per kind, how many met each fate. */
final class KindTally {
    private final Map<NotificationKind, Counters> kinds = new ConcurrentHashMap<>();

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

    void due(NotificationKind kind) {
        counters(kind).due.increment();
    }

    void fate(NotificationKind kind, Fate fate) {
        counters(kind).fates.get(fate).increment();
    }

    /** Sent, and queued by the messaging service to go out later (Braze in maintenance). */
    void queued(NotificationKind kind, int deliveries) {
        counters(kind).queued.add(deliveries);
    }

    Map<NotificationKind, KindCounts> counts() {
        Map<NotificationKind, KindCounts> counts = new LinkedHashMap<>();
        kinds.forEach((kind, c) -> counts.put(kind, c.snapshot()));
        return counts;
    }

    private Counters counters(NotificationKind kind) {
        return kinds.computeIfAbsent(kind, k -> new Counters());
    }
}
