package io.licensenotify.adapter.persistence;

import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.licensenotify.ports.out.StorageException;
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
    private static final int ATTEMPTS = 3;

    private final Database database;
    private final Retry retry;

    Transactions(Database database) {
        this.database = database;
        this.retry = Retry.of("ledger", RetryConfig.custom()
                .maxAttempts(ATTEMPTS)
                .intervalFunction(IntervalFunction.ofExponentialRandomBackoff(Duration.ofMillis(200), 2.0, 0.5))
                .retryOnException(e -> e instanceof StorageException s && s.isTransient())
                .build());
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
