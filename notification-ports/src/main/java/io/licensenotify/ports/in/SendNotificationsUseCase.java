package io.licensenotify.ports.in;

import io.licensenotify.domain.Shard;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * {@code send-license-consumption-notifications}: for every enterprise with auto-assign licenses, decide which
 * emails are due on the day and send each exactly once.
 */
public interface SendNotificationsUseCase {

    /** Runs to the end, or until stopped; never throws for a failure of the run: the report says what happened. */
    RunReport run(Request request);

    /**
     * What to run: {@code Request.of(asOf)} for every enterprise, then a {@code with…} method for each choice that
     * differs.
     *
     * @param asOf     the day to evaluate, in the configured zone
     * @param dryRun   decide and report, but neither claim nor send
     * @param observer told of progress and of each delivery as it happens
     * @param stop     lets the caller stop the run gracefully (a signal)
     * @param only     these enterprises only (for instance one, right after a license was assigned), and only their
     *                 stale claims swept (another enterprise's is left to the run that owns it); empty for all
     * @param runId    the run's id, in the report, the ledger and every log line's {@code run_id}; a fresh UUID when
     *                 null, so a caller names the run only to log under its id before the run starts
     * @param shard    the share of the enterprises this process handles, and of the stale claims it sweeps;
     *                 {@link Shard#ALL} when null. With {@code only}, the named enterprises are the run whatever the
     *                 shard (the shard still labels it)
     */
    record Request(LocalDate asOf, boolean dryRun, RunObserver observer, StopSignal stop, Set<UUID> only,
                   String runId, Shard shard) {
        public Request {
            Objects.requireNonNull(asOf, "asOf");
            observer = observer == null ? RunObserver.NONE : observer;
            stop = stop == null ? new StopSignal() : stop;
            only = only == null ? Set.of() : Set.copyOf(only);
            runId = runId == null || runId.isBlank() ? UUID.randomUUID().toString() : runId;
            shard = shard == null ? Shard.ALL : shard;
        }

        /** A run on that day of every enterprise, which sends, under a fresh run id, that nobody observes. */
        public static Request of(LocalDate asOf) {
            return new Request(asOf, false, null, null, null, null, null);
        }

        /** The same request, a dry run (decide and report, but neither claim nor send) or not. */
        public Request withDryRun(boolean dry) {
            return new Request(asOf, dry, observer, stop, only, runId, shard);
        }

        /** The same request, told of progress and of each delivery. */
        public Request withObserver(RunObserver told) {
            return new Request(asOf, dryRun, told, stop, only, runId, shard);
        }

        /** The same request, stopped by this signal. */
        public Request withStop(StopSignal signal) {
            return new Request(asOf, dryRun, observer, signal, only, runId, shard);
        }

        /** The same request for these enterprises only; empty for all. */
        public Request withEnterprises(Set<UUID> enterprises) {
            return new Request(asOf, dryRun, observer, stop, enterprises, runId, shard);
        }

        /** The same request for one shard of the enterprises. */
        public Request withShard(Shard part) {
            return new Request(asOf, dryRun, observer, stop, only, runId, part);
        }

        /** The same request under this run id. */
        public Request withRunId(String id) {
            return new Request(asOf, dryRun, observer, stop, only, id, shard);
        }
    }
}
