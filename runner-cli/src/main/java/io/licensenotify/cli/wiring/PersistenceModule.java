package io.licensenotify.cli.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import io.licensenotify.adapter.persistence.Database;
import io.licensenotify.adapter.persistence.EmptyDeliveryLedger;
import io.licensenotify.adapter.persistence.JooqDeliveryHistory;
import io.licensenotify.adapter.persistence.JooqDeliveryLedger;
import io.licensenotify.adapter.persistence.JooqSuppressions;
import io.licensenotify.adapter.persistence.LedgerSchema;
import io.licensenotify.adapter.persistence.JooqEnterprises;
import io.licensenotify.cli.config.Config;
import io.licensenotify.cli.config.Keys;
import io.licensenotify.ports.out.DeliveryHistory;
import io.licensenotify.ports.out.DeliveryLedger;
import io.licensenotify.ports.out.Suppressions;
import io.licensenotify.ports.out.Enterprises;
import jakarta.inject.Provider;

/**
 * The database: license-manager's tables read, the ledger written. One pool per process, closed when the JVM
 * exits so that a cron run leaves no connection behind. A read-only command (a dry run, {@code history},
 * {@code check}) never creates an embedded database, runs no DDL, and reads a ledger that does not exist yet as
 * empty.
 */
public final class PersistenceModule extends AbstractModule {
    private final boolean readOnly;

    /** @param readOnly for a command that only reads: a dry run, {@code history}, {@code check} */
    public PersistenceModule(boolean readOnly) {
        this.readOnly = readOnly;
    }

    @Override
    protected void configure() {
        Multibinder.newSetBinder(binder(), Probe.class).addBinding().to(DatabaseProbe.class);
    }

    @Provides
    @Singleton
    Database database(Config config) {
        Database database = readOnly
                ? Database.openExisting(config.get(Keys.DB_URL), config.get(Keys.DB_USER), config.get(Keys.DB_PASSWORD),
                config.get(Keys.DB_POOL_SIZE), config.get(Keys.DB_LOCK_TIMEOUT))
                : Database.open(config.get(Keys.DB_URL), config.get(Keys.DB_USER), config.get(Keys.DB_PASSWORD),
                config.get(Keys.DB_POOL_SIZE), config.get(Keys.DB_LOCK_TIMEOUT));
        Runtime.getRuntime().addShutdownHook(new Thread(database::close, "license-notify-db-close"));
        return database;
    }

    @Provides
    @Singleton
    SqlStatements sqlStatements(Database database, Meters meters) {
        SqlStatements statements = new SqlStatements(database);
        meters.register(Meters.SQL_STATEMENTS, statements::total);
        meters.register(Meters.SQL_STATEMENTS_READING_LICENSE_DATA, statements::readingLicenseData);
        return statements;
    }

    @Provides
    @Singleton
    Enterprises enterprises(Database database, SqlStatements statements) {
        return statements.counting(new JooqEnterprises(database));
    }

    /** Read once: whether the ledger's tables exist, and at which version. */
    @Provides
    @Singleton
    LedgerSchema.State ledgerState(Database database) {
        return database.ledgerState();
    }

    @Provides
    @Singleton
    DeliveryLedger ledger(Database database, Provider<LedgerSchema.State> state) {
        return readOnly && !state.get().exists() ? new EmptyDeliveryLedger() : new JooqDeliveryLedger(database);
    }

    @Provides
    @Singleton
    DeliveryHistory history(Database database) {
        return new JooqDeliveryHistory(database);
    }

    @Provides
    @Singleton
    Suppressions suppressions(Database database, Provider<LedgerSchema.State> state) {
        // the suppressions' table came with version 2: a read-only run on an older ledger reads it as none
        return readOnly && !state.get().atLeast(2) ? Suppressions.NONE : new JooqSuppressions(database);
    }

    /** Read-only: only says how the ledger is, and that a dry run reads a missing one as empty. */
    @Provides
    @Singleton
    SchemaMigration migration(Database database, Provider<LedgerSchema.State> state) {
        if (!readOnly) return database::migrate;
        return () -> state.get().exists() ? Ledgers.describe(state.get())
                : state.get().describe() + ": this dry run reads it as empty; " + Ledgers.CREATES_IT;
    }
}
