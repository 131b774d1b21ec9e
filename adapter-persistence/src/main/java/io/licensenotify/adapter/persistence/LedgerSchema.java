package io.licensenotify.adapter.persistence;

import io.licensenotify.ports.out.StorageException;
import io.licensenotify.text.SafeText;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.output.MigrateResult;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * This project's own tables (the delivery ledger), versioned by Flyway with its own history table: brought up to
 * date by {@link #migrate}, or only looked at by {@link #state}, which runs no DDL (Flyway's {@code info} reads its
 * history table when there is one).
 */
public final class LedgerSchema {
    private static final String LOCATION = "classpath:db/migration/licensenotify";

    private LedgerSchema() {
    }

    /**
     * The ledger's tables as found.
     *
     * @param version the version applied, empty when there is no ledger yet
     * @param latest  the version this build brings
     * @param pending migrations this build has and the database has not
     */
    public record State(Optional<String> version, String latest, int pending, String database) {
        public State {
            Objects.requireNonNull(version, "version");
            Objects.requireNonNull(latest, "latest");
            Objects.requireNonNull(database, "database");
        }

        /** True when the ledger's tables exist, at whatever version. */
        public boolean exists() {
            return version.isPresent();
        }

        /** True when the ledger's tables exist at {@code version} or later (versions are whole numbers). */
        public boolean atLeast(int version) {
            return this.version.map(v -> {
                try {
                    return Integer.parseInt(v.trim()) >= version;
                } catch (NumberFormatException e) {
                    return false;
                }
            }).orElse(false);
        }

        /** True when they exist at this build's version. */
        public boolean current() {
            return exists() && pending == 0;
        }

        /** One line for the operator, without a command to run: the caller knows which one creates or upgrades. */
        public String describe() {
            if (!exists()) return "there is no delivery ledger yet in " + database;
            if (pending == 0) return "the delivery ledger in " + database + " is at version " + version.get();
            return "the delivery ledger in " + database + " is at version " + version.get() + ", older than this"
                    + " license-notify's " + latest + " (" + pending + (pending == 1 ? " migration" : " migrations")
                    + " to apply)";
        }
    }

    static String migrate(Database database) {
        try {
            MigrateResult result = flyway(database).migrate();
            String version = result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion;
            return "the delivery ledger in " + database + " is at version " + version
                    + (result.migrationsExecuted == 0 ? ""
                    : " (" + result.migrationsExecuted + (result.migrationsExecuted == 1 ? " migration" : " migrations")
                    + " applied now)");
        } catch (FlywayException e) {
            throw new StorageException(SafeText.withoutSecrets("migrating the delivery ledger on " + database
                    + " failed: " + Failures.sentence(Database.rootMessage(e)), database.secrets()), false, e);
        }
    }

    static State state(Database database) {
        try {
            MigrationInfoService info = flyway(database).info();
            MigrationInfo current = info.current();
            // the baseline (version 0) marks a schema that held other tables first: still no ledger
            Optional<String> version = Optional.ofNullable(current).map(c -> c.getVersion().toString())
                    .filter(v -> !v.equals("0"));
            String latest = Arrays.stream(info.all()).map(m -> m.getVersion().toString()).reduce((a, b) -> b)
                    .orElse("0");
            return new State(version, latest, info.pending().length, database.toString());
        } catch (FlywayException e) {
            throw new StorageException(SafeText.withoutSecrets("reading the delivery ledger's version on " + database
                    + " failed: " + Failures.sentence(Database.rootMessage(e)), database.secrets()), false, e);
        }
    }

    /** Brings the ledger to {@code version} only, as an older build left it: for tests of a later migration. */
    static void migrateTo(Database database, String version) {
        configure(database).target(version).load().migrate();
    }

    private static Flyway flyway(Database database) {
        return configure(database).load();
    }

    private static org.flywaydb.core.api.configuration.FluentConfiguration configure(Database database) {
        return Flyway.configure()
                .dataSource(database.dataSource())
                .locations(LOCATION)
                // V4 rewrites rows, in Java so that one migration serves every database
                .javaMigrations(new DigestPeriodsAsDates(database.dialect()))
                .table(Database.HISTORY_TABLE)
                // the schema usually holds license-manager's tables already: start our history at 0, run V1
                .baselineOnMigrate(true)
                .baselineVersion("0");
    }
}
