package io.licensenotify.application;

import io.licensenotify.domain.Enterprise;
import io.licensenotify.ports.failure.Failure;
import io.licensenotify.ports.failure.FailureKind;
import io.licensenotify.ports.failure.RunProblems;
import io.licensenotify.ports.failure.SharedFailure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The problems part of the run report while several workers add to it: every failure and uncertain delivery, each
 * named with its enterprise where the run knew the name, and the failures many enterprises shared.
 */
final class ProblemTally {
    static final int SHARED_EXAMPLES = 5;

    private final List<Failure> failures = new ArrayList<>();
    private final List<Failure> uncertain = new ArrayList<>();
    private final Map<String, Shared> shared = new LinkedHashMap<>();
    private final LongAdder dispatchIdsUnknown = new LongAdder();
    /** Names of the enterprises being processed, and of those that had a failure: the report names them. */
    private final Map<UUID, String> inProgress = new ConcurrentHashMap<>();
    private final Map<UUID, String> names = new ConcurrentHashMap<>();

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

    /** The enterprise's worker starts: its name is at hand should it have a failure. */
    void started(Enterprise enterprise) {
        String name = nameOf(enterprise);
        if (!name.isBlank()) inProgress.put(enterprise.uuid(), name);
    }

    /** The enterprise's worker is done: its name is kept only if it had a failure. */
    void done(UUID enterprise) {
        inProgress.remove(enterprise);
    }

    /** Keeps the enterprise's name for the report: a delivery of it failed after its worker was done. */
    void keepName(Enterprise enterprise) {
        String name = nameOf(enterprise);
        if (!name.isBlank()) names.put(enterprise.uuid(), name);
    }

    private void keepName(UUID enterprise) {
        String name = inProgress.get(enterprise);
        if (name != null) names.put(enterprise, name);
    }

    private static String nameOf(Enterprise enterprise) {
        return enterprise.name().isBlank() ? enterprise.slug().orElse("") : enterprise.name();
    }

    void failure(Failure failure) {
        keepName(failure.enterprise());
        synchronized (failures) {
            failures.add(failure);
        }
    }

    void uncertain(Failure failure) {
        keepName(failure.enterprise());
        synchronized (uncertain) {
            uncertain.add(failure);
        }
    }

    /** An enterprise failed for a reason it shares with others; returns true for the first of them. */
    boolean shared(UUID enterprise, FailureKind error, String message) {
        SharedFailure probe = new SharedFailure(error, message, 0, List.of()); // removes addresses once
        synchronized (shared) {
            Shared s = shared.computeIfAbsent(error + "\n" + probe.message(), k -> new Shared(error, probe.message()));
            s.count++;
            if (s.examples.size() < SHARED_EXAMPLES) s.examples.add(enterprise);
            return s.count == 1;
        }
    }

    void dispatchIdsUnknown(int deliveries) {
        dispatchIdsUnknown.add(deliveries);
    }

    /** The problems so far, with what only the end of the run knows. */
    RunProblems problems(Optional<SharedFailure> noAdminAnywhere, Optional<String> stoppedEarly, long notReached,
                         List<UUID> unknownEnterprises, List<UUID> withoutAutoAssignPlan) {
        List<SharedFailure> s = new ArrayList<>();
        synchronized (shared) {
            shared.values().forEach(x -> s.add(new SharedFailure(x.error, x.message, x.count, x.examples)));
        }
        noAdminAnywhere.ifPresent(s::add);
        return new RunProblems(named(Tally.copy(failures)), named(Tally.copy(uncertain)), s, dispatchIdsUnknown.sum(),
                stoppedEarly, notReached, unknownEnterprises, withoutAutoAssignPlan);
    }

    /** Each failure with its enterprise's name, where the run knew it. */
    private List<Failure> named(List<Failure> list) {
        return list.stream().map(f -> f.enterpriseName().isPresent() || !names.containsKey(f.enterprise()) ? f
                : f.withEnterpriseName(names.get(f.enterprise()))).toList();
    }
}
