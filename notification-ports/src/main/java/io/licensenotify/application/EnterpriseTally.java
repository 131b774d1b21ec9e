package io.licensenotify.application;

import io.licensenotify.domain.SkipReason;
import io.licensenotify.ports.failure.FailureKind;
import io.licensenotify.ports.failure.SharedFailure;
import io.licensenotify.ports.in.RunReport.EnterpriseCounts;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** The enterprises part of the run report while several workers count it. */
final class EnterpriseTally {
    private final LongAdder seen = new LongAdder();
    private final LongAdder evaluated = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final Map<SkipReason, LongAdder> skipped = new ConcurrentHashMap<>();
    /** A few of the enterprises the LMS listed no admin for, to name when it listed none for any. */
    private final List<UUID> withoutAdmins = new ArrayList<>();
    private final Set<UUID> started = ConcurrentHashMap.newKeySet();
    private final Set<UUID> withoutPlan = ConcurrentHashMap.newKeySet();

    void seen(UUID enterprise, boolean named) {
        seen.increment();
        if (named) started.add(enterprise);
    }

    void evaluated() {
        evaluated.increment();
    }

    void skipped(SkipReason reason) {
        skipped.computeIfAbsent(reason, r -> new LongAdder()).increment();
    }

    void failed() {
        failed.increment();
    }

    /** In a run for named enterprises: this one has no auto-assign plan. */
    void withoutPlan(UUID enterprise) {
        withoutPlan.add(enterprise);
    }

    /** The LMS listed no admin for this enterprise. */
    void withoutAdmins(UUID enterprise) {
        skipped(SkipReason.NO_ADMINS);
        synchronized (withoutAdmins) {
            if (withoutAdmins.size() < ProblemTally.SHARED_EXAMPLES) withoutAdmins.add(enterprise);
        }
    }

    long seen() {
        return seen.sum();
    }

    EnterpriseCounts counts() {
        return new EnterpriseCounts(seen.sum(), evaluated.sum(), Tally.sums(skipped), failed.sum());
    }

    /** The enterprises asked for by name that the run never started: license-manager does not know them. */
    List<UUID> notStarted(Set<UUID> named) {
        return named.stream().filter(u -> !started.contains(u)).sorted().toList();
    }

    List<UUID> withoutPlan() {
        return withoutPlan.stream().sorted().toList();
    }

    /**
     * The LMS listed no admin for any enterprise it was asked about: what a service user without staff rights sees
     * (docs/operating.md "Configuration", {@code lms.oauth.client-id}), not a day on which nobody administers anything. A
     * failure, so that the run does not say "everything due was delivered".
     */
    Optional<SharedFailure> noAdminAnywhere(long adminsSeen) {
        LongAdder none = skipped.get(SkipReason.NO_ADMINS);
        long count = none == null ? 0 : none.sum();
        if (count == 0 || adminsSeen > 0) return Optional.empty();
        synchronized (withoutAdmins) {
            return Optional.of(new SharedFailure(FailureKind.ADMIN_LOOKUP, "the LMS listed no admin for "
                    + (count == 1 ? "the one enterprise" : "any of the " + count + " enterprises")
                    + " looked up, so nobody was notified: the service user of lms.oauth.client-id may lack the staff"
                    + " rights to list another enterprise's admins ('license-notify check' tries it)", count,
                    List.copyOf(withoutAdmins)));
        }
    }
}
