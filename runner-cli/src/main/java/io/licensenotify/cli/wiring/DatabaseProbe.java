package io.licensenotify.cli.wiring;

import io.licensenotify.adapter.persistence.Database;
import io.licensenotify.domain.AsOf;
import io.licensenotify.domain.Shard;
import io.licensenotify.ports.out.EnterpriseLicenses;
import io.licensenotify.ports.out.Enterprises;
import jakarta.inject.Inject;
import jakarta.inject.Provider;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code check}: the database answers, license-manager's tables can be read (the enterprises with a candidate plan,
 * read as {@code send} reads them) and the ledger's version;
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
        // read as send reads them, so that both count the same enterprises and name the same unreadable plans
        long count = 0;
        List<String> unreadable = new ArrayList<>();
        try (Stream<EnterpriseLicenses> all = Wiring.instance(enterprises::get)
                .withCandidatePlans(new AsOf(LocalDate.now(clock), ZoneOffset.UTC), Shard.ALL)) {
            for (EnterpriseLicenses e : (Iterable<EnterpriseLicenses>) all::iterator) {
                if (!e.plans().isEmpty()) count++;
                e.unreadablePlans().forEach(p -> unreadable.add(e.enterprise().uuid() + ": " + p));
            }
        }
        String plans = unreadable.isEmpty() ? "" : "; " + unreadable.size() + (unreadable.size() == 1
                ? " subscription plan cannot be read (send names it as bad data): "
                : " subscription plans cannot be read (send names them as bad data): ")
                + String.join("; ", unreadable.subList(0, Math.min(5, unreadable.size())))
                + (unreadable.size() > 5 ? "; ..." : "");
        return db + ": " + count + " enterprises with an auto-assign plan today" + plans + "; "
                + Ledgers.describe(db.ledgerState());
    }
}
