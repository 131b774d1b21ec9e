package io.licensenotify.ports.out;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the run-error notification needs to know of a run: every failure and uncertain delivery by name, the
 * failures shared by many enterprises, and whether the run stopped early.
 */
public record RunProblems(String runId, LocalDate asOf, List<Failure> failures, List<Failure> uncertain,
                          List<SharedFailure> shared, Optional<String> stoppedEarly, long enterprisesNotReached) {
    public RunProblems {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(asOf, "asOf");
        failures = List.copyOf(failures);
        uncertain = List.copyOf(uncertain);
        shared = List.copyOf(shared);
        Objects.requireNonNull(stoppedEarly, "stoppedEarly");
    }
}
