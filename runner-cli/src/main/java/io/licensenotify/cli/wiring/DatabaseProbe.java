package io.licensenotify.cli.wiring;

import io.licensenotify.adapter.persistence.Database;
import io.licensenotify.domain.AsOf;
import io.licensenotify.ports.out.Enterprises;
import jakarta.inject.Inject;
import jakarta.inject.Provider;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * {@code check}: the database answers, license-manager's tables can be read (one count) and the ledger's version;
 * nothing written, no DDL, and an embedded database is never created. Built lazily, so that a database that cannot
 * be opened fails this probe only.
 */
final class DatabaseProbe implements Probe {
    private final Provider<Database> database;
    private final Provider<Enterprises> enterprises;
    private final Clock clock;

    @Inject
    DatabaseProbe(Provider<Database> database, Provider<Enterprises> enterprises, Clock clock) {
        this.database = database;
        this.enterprises = enterprises;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "database";
    }

    @Override
    public String probe() {
        Database db = Wiring.instance(database::get); // what opening it threw, not Guice's wrapper
        long count = Wiring.instance(enterprises::get).countWithCandidatePlans(new AsOf(LocalDate.now(clock), ZoneOffset.UTC));
        return db + ": " + count + " enterprises with an auto-assign plan today; " + Ledgers.describe(db.ledgerState());
    }
}
