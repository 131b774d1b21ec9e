package io.licensenotify.cli.wiring;

import io.licensenotify.adapter.persistence.Database;
import io.licensenotify.domain.AsOf;
import io.licensenotify.ports.out.Enterprises;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** {@code check}: the database answers and license-manager's tables can be read (one count, nothing written). */
final class DatabaseProbe implements Probe {
    private final Database database;
    private final Enterprises enterprises;
    private final Clock clock;

    @Inject
    DatabaseProbe(Database database, Enterprises enterprises, Clock clock) {
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
        long count = enterprises.countWithCandidatePlans(new AsOf(LocalDate.now(clock), ZoneOffset.UTC));
        return database + ": " + count + " enterprises with an auto-assign plan today";
    }
}
