package io.licensenotify.application;

import io.licensenotify.domain.SkipReason;
import io.licensenotify.ports.in.RunReport.AdminCounts;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** The admins part of the run report while several workers count it. */
final class AdminTally {
    private final LongAdder seen = new LongAdder();
    private final Map<SkipReason, LongAdder> skipped = new ConcurrentHashMap<>();

    void seen(int count) {
        seen.add(count);
    }

    void skipped(SkipReason reason) {
        skipped.computeIfAbsent(reason, r -> new LongAdder()).increment();
    }

    long seen() {
        return seen.sum();
    }

    AdminCounts counts() {
        return new AdminCounts(seen.sum(), Tally.sums(skipped));
    }
}
