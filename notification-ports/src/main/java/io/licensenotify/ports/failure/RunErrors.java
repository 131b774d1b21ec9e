package io.licensenotify.ports.failure;

import io.licensenotify.domain.Shard;

import java.time.LocalDate;
import java.util.Objects;

/**
 * What the run-error notification needs to know of a run: which run it was (its id, its day, and its shard,
 * {@link Shard#ALL} when unsharded, which the notification names) and its problems.
 */
public record RunErrors(String runId, LocalDate asOf, Shard shard, RunProblems problems) {
    public RunErrors {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(asOf, "asOf");
        shard = shard == null ? Shard.ALL : shard;
        Objects.requireNonNull(problems, "problems");
    }
}
