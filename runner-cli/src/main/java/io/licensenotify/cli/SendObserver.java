package io.licensenotify.cli;

import io.licensenotify.domain.DeliveryKey;
import io.licensenotify.ports.in.RunObserver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Progress lines during a long run ("enterprises done N of M", at most every 10 % or every 5 seconds, whichever
 * comes first), and each delivery's fate at DEBUG. Called from the service's worker threads.
 */
public final class SendObserver implements RunObserver {
    private static final Logger log = LoggerFactory.getLogger(SendObserver.class);
    static final long EVERY_NANOS = Duration.ofSeconds(5).toNanos();

    private final LongSupplier nanoTime;
    private long lastLineAt;
    private long lastTenth = -1;
    private final List<String> lines = new ArrayList<>();

    public SendObserver(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        this.lastLineAt = nanoTime.getAsLong();
    }

    @Override
    public synchronized void started(long enterprises) {
        line("enterprises to evaluate: " + enterprises);
        lastTenth = 0;
    }

    @Override
    public synchronized void enterpriseDone(long done, long total) {
        long now = nanoTime.getAsLong();
        long tenth = total <= 0 ? 10 : done * 10 / total;
        if (done >= total || tenth > lastTenth || now - lastLineAt >= EVERY_NANOS) {
            line("enterprises done " + done + " of " + total);
            lastTenth = tenth;
            lastLineAt = now;
        }
    }

    @Override
    public void delivery(DeliveryKey key, Fate fate, String detail) {
        // ids only: the admin's email never reaches a log line at INFO
        log.debug("{} {} to ECU {} of enterprise {}", fate, key.kind().code(), key.ecuId(), key.enterprise());
    }

    /** The progress lines logged so far. */
    synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    private void line(String text) {
        lines.add(text);
        log.info(text);
    }
}
