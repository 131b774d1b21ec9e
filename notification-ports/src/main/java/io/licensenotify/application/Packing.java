package io.licensenotify.application;

import io.licensenotify.application.RunSettings.Batching;
import io.licensenotify.ports.in.SendNotificationsUseCase.Request;
import io.licensenotify.ports.out.Message;

import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The {@link Outbox}'s packed mode ({@link Batching#PACKED}, the default): the deliveries enterprises win wait here,
 * per kind, for requests of up to {@link Message#MAX_RECIPIENTS} recipients of any enterprises, never the same LMS
 * user twice ({@link Requests}). A request leaves when it is full, with the enterprise that filled it; when it has
 * waited {@link RunSettings#packLinger()}, on the outbox's own threads (so a slow enterprise never holds others'
 * emails back); or when the run has no enterprise left that could add to it ({@link #flush}). What a request then
 * goes through (mark, send, settle or release) is the outbox's.
 */
final class Packing implements AutoCloseable {
    private final Request request;
    private final RunSettings settings;
    private final Tally tally;
    /** The outbox's send of one request on one of its own threads. */
    private final Consumer<List<OutboxEntry>> sendOnOutbox;
    /** The requests forming; guarded by itself. */
    private final Requests forming = new Requests();
    /** The threads that send requests which leave by lingering or at the end; none in a dry run. */
    private final ScheduledThreadPoolExecutor senders;

    Packing(Request request, RunSettings settings, Tally tally, Consumer<List<OutboxEntry>> sendOnOutbox) {
        this.request = request;
        this.settings = settings;
        this.tally = tally;
        this.sendOnOutbox = sendOnOutbox;
        this.senders = request.dryRun() ? null : senders();
    }

    /** Puts what an enterprise won in the outbox; returns the requests that leave now: the full and the lingering. */
    List<List<OutboxEntry>> add(List<OutboxEntry> won) {
        synchronized (forming) {
            for (OutboxEntry e : won) forming.add(e);
            List<List<OutboxEntry>> leaving = forming.takeFull();
            leaving.addAll(forming.takeOlderThan(settings.packLinger().toNanos()));
            return leaving;
        }
    }

    /** A dry run: counts the requests the entries fill, the rest waiting for more (or for {@link #flush}). */
    void plan(List<OutboxEntry> entries) {
        synchronized (forming) {
            for (OutboxEntry e : entries) forming.add(e);
            forming.takeFull().forEach(r -> tally.requestPlanned());
        }
    }

    /**
     * The run has no enterprise left that could add to a request: what is forming leaves (or, after a stop, is
     * released). In a dry run, counts the requests that would have left.
     */
    void flush() {
        List<List<OutboxEntry>> left;
        synchronized (forming) {
            left = forming.takeAll();
        }
        if (senders == null) {
            left.forEach(r -> tally.requestPlanned());
            return;
        }
        // on the outbox's threads, so that an abort does not wait for a request that hangs
        for (List<OutboxEntry> r : left) senders.execute(() -> sendOnOutbox.accept(r));
        senders.shutdown();
        try {
            while (!request.stop().abortRequested() && !senders.awaitTermination(100, TimeUnit.MILLISECONDS)) {
                // a request leaving finishes first, unless the run is aborted
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (senders != null) senders.shutdown();
    }

    private ScheduledThreadPoolExecutor senders() {
        AtomicInteger n = new AtomicInteger();
        ScheduledThreadPoolExecutor threads = new ScheduledThreadPoolExecutor(settings.concurrency(), r -> {
            Thread t = new Thread(r, "license-notify-outbox-" + n.incrementAndGet());
            t.setDaemon(true); // an aborted run does not wait for a request that hangs
            return t;
        });
        if (settings.packLinger().isZero()) return threads; // every request leaves with the enterprise that began it
        long every = Math.max(10, settings.packLinger().toMillis() / 4);
        threads.scheduleWithFixedDelay(() -> {
            List<List<OutboxEntry>> due;
            synchronized (forming) {
                due = forming.takeOlderThan(settings.packLinger().toNanos());
            }
            for (List<OutboxEntry> r : due) {
                try {
                    threads.execute(() -> sendOnOutbox.accept(r));
                } catch (RejectedExecutionException shutDown) {
                    sendOnOutbox.accept(r); // the run is ending: this tick sends what it took
                }
            }
        }, every, every, TimeUnit.MILLISECONDS);
        return threads;
    }
}
