package io.licensenotify.application;

import io.licensenotify.ports.in.StopSignal;

import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The run's worker threads: twice {@code concurrency}, so that while {@code concurrency} of them wait for the LMS
 * ({@link EnterpriseRun} takes an LMS request's permit), the others claim, mark, send to Braze and settle; at most
 * four times {@code concurrency} tasks handed over, so that memory does not grow with the number of enterprises.
 * Handing over and waiting both give way to the stop signal: a stop ends the handing over, an abort ends the waiting.
 */
final class Workers implements AutoCloseable {
    private final ExecutorService pool;
    private final Permits slots;
    private final StopSignal stop;

    Workers(int concurrency, StopSignal stop) {
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(2 * concurrency, r -> {
            Thread t = new Thread(r, "license-notify-worker-" + n.incrementAndGet());
            t.setDaemon(true); // an aborted run does not wait for a request that hangs
            return t;
        });
        this.slots = new Permits(4 * concurrency, stop);
        this.stop = stop;
    }

    /**
     * Hands {@code task} to a worker once a slot is free; false, and nothing handed over, when the run is asked to
     * stop first. A task still queued when a stop comes does not start.
     */
    boolean submit(Runnable task, Runnable afterwards) {
        Optional<Permits.Permit> slot = slots.take();
        if (slot.isEmpty()) return false;
        pool.execute(() -> {
            try {
                if (!stop.stopRequested()) task.run();
            } finally {
                slot.get().close();
                afterwards.run();
            }
        });
        return true;
    }

    /** Waits for every task handed over, or until the run is aborted (what is in flight is then uncertain). */
    @Override
    public void close() {
        pool.shutdown();
        boolean interrupted = false;
        while (!stop.abortRequested()) {
            try {
                if (pool.awaitTermination(100, TimeUnit.MILLISECONDS)) break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
    }
}
