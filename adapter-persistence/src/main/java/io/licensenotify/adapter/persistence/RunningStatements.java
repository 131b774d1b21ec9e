package io.licensenotify.adapter.persistence;

import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The statements of a {@link Database}: counted (to prove that reads do not grow with the number of enterprises),
 * and those executing, or whose results are being read, kept to cancel on a stop that cannot wait. Listens to
 * every statement through jOOQ; {@link Rendered}'s, sent past jOOQ, say so themselves. Thread-safe.
 */
final class RunningStatements implements ExecuteListener {
    private final AtomicLong executed = new AtomicLong();
    private final Map<Object, Statement> running = new ConcurrentHashMap<>();
    private volatile boolean cancelled;

    long executed() {
        return executed.get();
    }

    /** A statement begins: counted, and cancelled by {@link #cancelAll()} until {@link #ended} with the same key. */
    void began(Object key, Statement statement) {
        executed.incrementAndGet();
        running.put(key, statement);
        if (cancelled) limit(statement);
    }

    void ended(Object key) {
        running.remove(key);
    }

    boolean cancelled() {
        return cancelled;
    }

    /** Cancels every statement running; those that start later wait no more than a second or two for a lock. */
    int cancelAll() {
        this.cancelled = true;
        int cancelled = 0;
        for (Statement statement : List.copyOf(running.values())) {
            try {
                statement.cancel();
                cancelled++;
            } catch (SQLException | RuntimeException alreadyOver) {
                // closed or ended meanwhile: nothing to cancel
            }
        }
        return cancelled;
    }

    /** After a cancel, a statement waits no more than a second or two for a lock (the run is stopping at once). */
    private static void limit(Statement statement) {
        try {
            statement.setQueryTimeout(2);
        } catch (SQLException | RuntimeException unsupported) {
            // the lock timeout still bounds it
        }
    }

    @Override
    public void executeStart(ExecuteContext ctx) {
        if (ctx.statement() != null) began(ctx, ctx.statement());
        else executed.incrementAndGet();
    }

    @Override
    public void exception(ExecuteContext ctx) {
        ended(ctx);
    }

    @Override
    public void end(ExecuteContext ctx) {
        ended(ctx);
    }
}
