package io.licensenotify.ports.out;

import io.licensenotify.domain.Shard;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the run-error notification needs to know of a run: every failure and uncertain delivery by name, the
 * failures shared by many enterprises, whether the run stopped early, and the shard it ran ({@link Shard#ALL} when
 * unsharded), which the notification names.
 */
public record RunProblems(String runId, LocalDate asOf, List<Failure> failures, List<Failure> uncertain,
                          List<SharedFailure> shared, Optional<String> stoppedEarly, long enterprisesNotReached,
                          Shard shard) {
    public RunProblems {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(asOf, "asOf");
        failures = List.copyOf(failures);
        uncertain = List.copyOf(uncertain);
        shared = List.copyOf(shared);
        Objects.requireNonNull(stoppedEarly, "stoppedEarly");
        shard = shard == null ? Shard.ALL : shard;
    }

    /** An unsharded run's problems. */
    public RunProblems(String runId, LocalDate asOf, List<Failure> failures, List<Failure> uncertain,
                       List<SharedFailure> shared, Optional<String> stoppedEarly, long enterprisesNotReached) {
        this(runId, asOf, failures, uncertain, shared, stoppedEarly, enterprisesNotReached, Shard.ALL);
    }
}
