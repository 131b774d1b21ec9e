package io.licensenotify.ports.in;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Asks a running run to stop (docs/design.md "Delivery semantics"): after {@link #stop}, it starts no new enterprise or
 * batch, lets the requests in flight finish, settles them, releases the claims it never started to send and reports;
 * after {@link #abort}, it stops waiting for the requests in flight, which then count as uncertain. Thread-safe;
 * typically called from a signal handler.
 */
public final class StopSignal {
    private final AtomicReference<String> stop = new AtomicReference<>();
    private volatile boolean abort;

    /** Graceful: no new work. The first reason given wins. */
    public void stop(String reason) {
        stop.compareAndSet(null, reason == null ? "stopped" : reason);
    }

    /** At once: stop waiting for the requests in flight. */
    public void abort(String reason) {
        stop(reason);
        abort = true;
    }

    /** Why the run was asked to stop, if it was. */
    public Optional<String> reason() {
        return Optional.ofNullable(stop.get());
    }

    public boolean stopRequested() {
        return stop.get() != null;
    }

    public boolean abortRequested() {
        return abort;
    }
}
