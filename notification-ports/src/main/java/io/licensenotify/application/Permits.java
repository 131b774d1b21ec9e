package io.licensenotify.application;

import io.licensenotify.ports.in.StopSignal;

import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/** A run's counted permits, whose waiting gives way to the stop signal: none is taken once the run is asked to stop. */
final class Permits {
    private final Semaphore semaphore;
    private final StopSignal stop;

    Permits(int count, StopSignal stop) {
        this.semaphore = new Semaphore(count);
        this.stop = stop;
    }

    /** Waits for a permit; empty, and nothing held, when the run is asked to stop first. */
    Optional<Permit> take() {
        try {
            while (!semaphore.tryAcquire(100, TimeUnit.MILLISECONDS))
                if (stop.stopRequested()) return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop.stop("interrupted");
            return Optional.empty();
        }
        Permit permit = new Permit();
        if (!stop.stopRequested()) return Optional.of(permit);
        permit.close();
        return Optional.empty();
    }

    /** One permit, held until closed; closing it again does nothing. Closed by one thread at a time. */
    final class Permit implements AutoCloseable {
        private boolean held = true;

        @Override
        public void close() {
            if (!held) return;
            held = false;
            semaphore.release();
        }
    }
}
