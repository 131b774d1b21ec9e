package io.licensenotify.cli.wiring;

import io.licensenotify.adapter.persistence.Database;
import io.licensenotify.domain.AsOf;
import io.licensenotify.ports.out.EnterpriseLicenses;
import io.licensenotify.ports.out.Enterprises;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class SqlStatementsTest {
    private static final AsOf DAY = new AsOf(LocalDate.of(2024, 5, 31), ZoneOffset.UTC);

    @Test
    void countsAsLicenseDataOnlyTheStatementsSentWhileReadingEnterprises() {
        try (Database database = Database.open("jdbc:h2:mem:sql-" + UUID.randomUUID(), "", "", 2)) {
            SqlStatements statements = new SqlStatements(database);
            Enterprises reading = statements.counting(new Enterprises() {
                @Override
                public Stream<EnterpriseLicenses> withCandidatePlans(AsOf day, io.licensenotify.domain.Shard shard) {
                    database.dsl().execute("SELECT 1");
                    return Stream.empty();
                }

                @Override
                public long countWithCandidatePlans(AsOf day, io.licensenotify.domain.Shard shard) {
                    database.dsl().execute("SELECT 1");
                    database.dsl().execute("SELECT 2");
                    return 0;
                }

                @Override
                public Stream<EnterpriseLicenses> of(java.util.Set<UUID> named, AsOf day) {
                    return Stream.empty();
                }
            });

            database.dsl().execute("SELECT 3"); // a ledger statement, say
            reading.countWithCandidatePlans(DAY);
            try (Stream<EnterpriseLicenses> s = reading.withCandidatePlans(DAY)) {
                assertThat(s).isEmpty();
            }
            database.dsl().execute("SELECT 4");

            assertThat(statements.readingLicenseData()).isEqualTo(3);
            assertThat(statements.total()).isEqualTo(5);
        }
    }
}
