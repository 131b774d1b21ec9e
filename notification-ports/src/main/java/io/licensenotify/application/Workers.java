package io.licensenotify.application;

import io.licensenotify.ports.in.StopSignal;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The run's worker threads: {@code concurrency} of them, with at most twice that many tasks handed over, so that
 * memory does not grow with the number of enterprises. Handing over and waiting both give way to the stop signal:
 * a stop ends the handing over, an abort ends the waiting.
 */
final class Workers implements AutoCloseable {
    private final ExecutorService pool;
    private final Semaphore slots;
    private final StopSignal stop;

    Workers(int concurrency, StopSignal stop) {
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(concurrency, r -> {
            Thread t = new Thread(r, "license-notify-worker-" + n.incrementAndGet());
            t.setDaemon(true); // an aborted run does not wait for a request that hangs
            return t;
        });
        this.slots = new Semaphore(concurrency * 2);
        this.stop = stop;
    }

    /**
     * Hands {@code task} to a worker once a slot is free; false, and nothing handed over, when the run is asked to
     * stop first. A task still queued when a stop comes does not start.
     */
    boolean submit(Runnable task, Runnable afterwards) {
        if (!awaitSlot()) return false;
        pool.execute(() -> {
            try {
                if (!stop.stopRequested()) task.run();
            } finally {
                slots.release();
                afterwards.run();
            }
        });
        return true;
    }

    private boolean awaitSlot() {
        try {
            while (!slots.tryAcquire(100, TimeUnit.MILLISECONDS))
                if (stop.stopRequested()) return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop.stop("interrupted");
            return false;
        }
        if (!stop.stopRequested()) return true;
        slots.release();
        return false;
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
