package io.licensenotify.adapter.persistence;

import io.github.resilience4j.retry.Retry;
import io.licensenotify.ports.out.StorageException;
import io.licensenotify.support.Backoff;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;

import java.time.Duration;
import java.util.function.Function;

/**
 * Runs the ledger's work: a unit of several statements in one transaction (all or nothing), and either kind
 * retried when it fails for a reason a later try may not meet (a lost connection, a lock or statement timeout, a
 * deadlock). A retry is safe because a failed transaction left nothing behind and every write is conditional.
 */
final class Transactions {
    /** A lock or a connection is usually back within a second: three attempts, 0.2 s then 0.4 s apart. */
    private static final Backoff BACKOFF = new Backoff(3, Duration.ofMillis(200), Duration.ofSeconds(1));

    private final Database database;
    private final Retry retry;

    Transactions(Database database) {
        this.database = database;
        this.retry = BACKOFF.retry("ledger", e -> e instanceof StorageException s && s.isTransient()
                // a statement cancelled for a stop at once is not tried again
                && !database.cancelled());
    }

    /** {@code work} in one transaction, retried as a whole. */
    <T> T atomic(String what, Function<DSLContext, T> work) {
        return retry.executeSupplier(() -> once(what, () -> database.dsl().transactionResult(c -> work.apply(c.dsl()))));
    }

    /** One statement (atomic by itself), retried. */
    <T> T single(String what, Function<DSLContext, T> work) {
        return retry.executeSupplier(() -> once(what, () -> work.apply(database.dsl())));
    }

    private <T> T once(String what, java.util.function.Supplier<T> work) {
        try {
            return work.get();
        } catch (DataAccessException e) {
            throw Failures.storage(what, database.dialect(), e);
        }
    }
}
