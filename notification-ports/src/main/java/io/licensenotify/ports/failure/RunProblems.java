package io.licensenotify.ports.failure;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * What went wrong in a run, every failure and uncertain delivery by name: the problems part of the run report, and
 * what the run-error notification lists ({@link RunErrors}).
 *
 * @param failures              every enterprise or delivery that failed
 * @param uncertain             deliveries whose outcome is unknown: never resent, named here
 * @param shared                failures that struck many enterprises for one reason, named once; their enterprises
 *                              are counted among the failed enterprises
 * @param dispatchIdsUnknown    deliveries accepted by the messaging service whose dispatch id could not be read
 * @param stoppedEarly          why the run ended before every enterprise was evaluated; empty when it went through
 * @param enterprisesNotReached enterprises the run expected but never started, when it stopped early
 * @param unknownEnterprises    enterprises asked for by name that license-manager does not know
 * @param withoutAutoAssignPlan enterprises asked for by name that have no auto-assign plan on the day
 */
public record RunProblems(List<Failure> failures, List<Failure> uncertain, List<SharedFailure> shared,
                          long dispatchIdsUnknown, Optional<String> stoppedEarly, long enterprisesNotReached,
                          List<UUID> unknownEnterprises, List<UUID> withoutAutoAssignPlan) {
    /** A run that went through without a problem. */
    public static final RunProblems NONE = new RunProblems(List.of(), List.of(), List.of(), 0, Optional.empty(), 0,
            List.of(), List.of());

    public RunProblems {
        failures = List.copyOf(failures);
        uncertain = List.copyOf(uncertain);
        shared = List.copyOf(shared);
        Objects.requireNonNull(stoppedEarly, "stoppedEarly");
        unknownEnterprises = List.copyOf(unknownEnterprises);
        withoutAutoAssignPlan = List.copyOf(withoutAutoAssignPlan);
    }

    /** The problems of a run that stopped (or never started) for {@code why}, with nothing else wrong. */
    public static RunProblems stopped(String why, long enterprisesNotReached) {
        return new RunProblems(List.of(), List.of(), List.of(), 0, Optional.of(why), enterprisesNotReached, List.of(),
                List.of());
    }

    /** True when every enterprise the run expected was started and finished. */
    public boolean complete() {
        return stoppedEarly.isEmpty();
    }
}
