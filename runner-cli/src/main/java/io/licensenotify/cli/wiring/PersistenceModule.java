package io.licensenotify.cli.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import io.licensenotify.adapter.persistence.Database;
import io.licensenotify.adapter.persistence.JooqDeliveryHistory;
import io.licensenotify.adapter.persistence.JooqDeliveryLedger;
import io.licensenotify.adapter.persistence.JooqSuppressions;
import io.licensenotify.adapter.persistence.JooqEnterprises;
import io.licensenotify.cli.Meters;
import io.licensenotify.cli.config.Config;
import io.licensenotify.cli.config.Keys;
import io.licensenotify.ports.out.DeliveryHistory;
import io.licensenotify.ports.out.DeliveryLedger;
import io.licensenotify.ports.out.Suppressions;
import io.licensenotify.ports.out.Enterprises;

/**
 * The database: license-manager's tables read, the ledger written. One pool per process, closed when the JVM
 * exits so that a cron run leaves no connection behind.
 */
public final class PersistenceModule extends AbstractModule {
    @Override
    protected void configure() {
        Multibinder.newSetBinder(binder(), Probe.class).addBinding().to(DatabaseProbe.class);
    }

    @Provides
    @Singleton
    Database database(Config config) {
        Database database = Database.open(config.get(Keys.DB_URL), config.get(Keys.DB_USER),
                config.get(Keys.DB_PASSWORD), config.get(Keys.DB_POOL_SIZE), config.get(Keys.DB_LOCK_TIMEOUT));
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

    @Provides
    @Singleton
    DeliveryLedger ledger(Database database) {
        return new JooqDeliveryLedger(database);
    }

    @Provides
    @Singleton
    DeliveryHistory history(Database database) {
        return new JooqDeliveryHistory(database);
    }

    @Provides
    @Singleton
    Suppressions suppressions(Database database) {
        return new JooqSuppressions(database);
    }

    @Provides
    @Singleton
    SchemaMigration migration(Database database) {
        return () -> {
            database.migrate();
            return "the delivery ledger is up to date (" + database + ")";
        };
    }
}
