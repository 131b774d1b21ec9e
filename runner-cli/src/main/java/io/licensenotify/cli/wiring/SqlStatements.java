package io.licensenotify.cli.wiring;

import io.licensenotify.adapter.persistence.Database;
import io.licensenotify.domain.AsOf;
import io.licensenotify.domain.Shard;
import io.licensenotify.ports.out.EnterpriseLicenses;
import io.licensenotify.ports.out.Enterprises;

import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Counts the SQL statements of a run, read through the run's {@code Meters}: all of them, and those that read
 * license data.
 * License data is read by the enterprises port before any worker starts, so the statements sent during those calls
 * are the license-data statements.
 */
public final class SqlStatements {
    private final Database database;
    private final AtomicLong readingLicenseData = new AtomicLong();

    public SqlStatements(Database database) {
        this.database = Objects.requireNonNull(database, "database");
    }

    public long total() {
        return database.statementsExecuted();
    }

    public long readingLicenseData() {
        return readingLicenseData.get();
    }

    /** The same enterprises, with the statements they send counted as reading license data. */
    Enterprises counting(Enterprises enterprises) {
        Objects.requireNonNull(enterprises, "enterprises");
        return new Enterprises() {
            @Override
            public Stream<EnterpriseLicenses> withCandidatePlans(AsOf day, Shard shard) {
                return counted(() -> enterprises.withCandidatePlans(day, shard));
            }

            @Override
            public long countWithCandidatePlans(AsOf day, Shard shard) {
                return counted(() -> enterprises.countWithCandidatePlans(day, shard));
            }

            @Override
            public Stream<EnterpriseLicenses> of(Set<UUID> named, AsOf day) {
                return counted(() -> enterprises.of(named, day));
            }
        };
    }

    private <T> T counted(Supplier<T> read) {
        long before = database.statementsExecuted();
        try {
            return read.get();
        } finally {
            readingLicenseData.addAndGet(database.statementsExecuted() - before);
        }
    }
}
