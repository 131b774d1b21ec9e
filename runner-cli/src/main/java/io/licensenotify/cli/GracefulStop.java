package io.licensenotify.cli;

import io.licensenotify.ports.in.StopSignal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import sun.misc.Signal;
import sun.misc.SignalHandler;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * SIGTERM (what Kubernetes and systemd send first) and SIGINT stop a run gracefully instead of ending the process:
 * the first asks the run to start nothing new and lets the requests in flight finish within the grace period; the
 * second, or the end of the grace, stops it at once. The JDK's own handling (which would end the process with
 * status 143 before the report is written) is restored when the run is over. {@code sun.misc.Signal} is the JDK's
 * only way to handle a signal without starting the JVM's shutdown.
 */
final class GracefulStop implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(GracefulStop.class);
    private static final List<String> SIGNALS = List.of("TERM", "INT");

    private final StopSignal stop;
    private final Duration grace;
    private final Runnable atOnce;
    private final AtomicInteger received = new AtomicInteger();
    private final List<Runnable> restore = new ArrayList<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "license-notify-grace");
        t.setDaemon(true);
        return t;
    });

    private GracefulStop(StopSignal stop, Duration grace, Runnable atOnce) {
        this.stop = stop;
        this.grace = grace;
        this.atOnce = atOnce;
    }

    /**
     * @param atOnce what else a stop at once does besides {@link StopSignal#abort}: cancel the database's statements,
     *               so that a wait for a lock does not outlast the grace
     */
    static GracefulStop install(StopSignal stop, Duration grace, Runnable atOnce) {
        GracefulStop handler = new GracefulStop(stop, grace, atOnce);
        // the signal's lines come from the JVM's own thread: they carry the run's id all the same
        Map<String, String> logContext = MDC.getCopyOfContextMap();
        for (String name : SIGNALS) {
            try {
                Signal signal = new Signal(name);
                SignalHandler previous = Signal.handle(signal, s -> {
                    if (logContext != null) MDC.setContextMap(logContext);
                    handler.received("SIG" + name);
                });
                handler.restore.add(() -> Signal.handle(signal, previous));
            } catch (IllegalArgumentException unavailable) {
                log.debug("signal {} cannot be handled here ({})", name, unavailable.getMessage());
            }
        }
        return handler;
    }

    private void received(String signal) {
        if (received.incrementAndGet() == 1) {
            log.warn("{} received: stopping; no new enterprise or batch; requests in flight get up to {} to finish"
                    + " (a second signal stops at once)", signal, grace);
            stop.stop("stopped by " + signal);
            Map<String, String> logContext = MDC.getCopyOfContextMap();
            timer.schedule(() -> {
                if (logContext != null) MDC.setContextMap(logContext);
                log.warn("the grace period of {} is over: stopping at once", grace);
                abort("stopped by " + signal + "; the grace period of " + grace + " ran out");
            }, grace.toMillis(), TimeUnit.MILLISECONDS);
        } else {
            log.warn("{} received again: stopping at once", signal);
            abort("stopped by " + signal + ", twice");
        }
    }

    private void abort(String reason) {
        stop.abort(reason);
        try {
            atOnce.run();
        } catch (RuntimeException e) {
            log.warn("stopping at once: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        restore.forEach(Runnable::run);
    }
}
