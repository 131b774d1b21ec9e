package io.licensenotify.cli.wiring;

import io.licensenotify.cli.config.Config;
import io.licensenotify.ports.in.SendNotificationsUseCase;
import io.licensenotify.adapter.persistence.LedgerSchema;
import io.licensenotify.ports.out.DeliveryHistory;
import io.licensenotify.ports.out.Suppressions;
import io.licensenotify.domain.NotificationRules;
import io.licensenotify.ports.out.DeliveryLedger;
import io.licensenotify.ports.out.ErrorReporter;

import java.time.Duration;

import java.util.List;
import java.util.Objects;

/**
 * Builds what each command works with, for a configuration already validated for that command, so that a command
 * receives it and knows nothing of how it was made. Production: {@link Wiring}, Guice over the adapters; tests give
 * fakes.
 */
public interface AppFactory {
    /**
     * {@code send}: the ledger's migration, run first, and the use case. A dry run only reads: its database is never
     * created, its "migration" only says how the ledger is, and a ledger not created yet reads as empty.
     */
    SendApp send(Config config, boolean dryRun);

    /** {@code migrate}: this project's tables brought up to date; needs only the database. */
    SchemaMigration migration(Config config);

    /** {@code history}: the deliveries recorded, and how the ledger is; needs only the database, creates nothing. */
    HistoryApp history(Config config);

    /** {@code suppress}, {@code unsuppress}, {@code suppressions}: who gets no email; needs only the database. */
    SuppressionsApp suppressions(Config config);

    /** {@code release}: the ledger an operator releases deliveries of, and how it is; needs only the database. */
    ReleaseApp release(Config config);

    /**
     * The run-error notification alone, for a {@code send} that could not start (its database unreachable, say):
     * needs only Braze.
     */
    ErrorReporter errorReporter(Config config);

    /** {@code check}: each system to reach (the database, read only; the LMS, Braze), sorted by name. */
    List<Probe> probes(Config config);

    /**
     * What the suppression commands use.
     *
     * @param migration creates or upgrades this project's tables; the commands that write run it first
     */
    record SuppressionsApp(SchemaMigration migration, Suppressions suppressions) {
        public SuppressionsApp {
            Objects.requireNonNull(migration, "migration");
            Objects.requireNonNull(suppressions, "suppressions");
        }
    }

    /**
     * What {@code send} uses.
     *
     * @param migration creates or upgrades the ledger's tables before the first claim
     * @param useCase   the daily job
     * @param meters    what the run measures about itself, read for the report's metrics
     * @param cancelDatabaseWork cancels the statements running on the database (a wait for a lock included), for a
     *                  run stopped at once
     */
    record SendApp(SchemaMigration migration, SendNotificationsUseCase useCase, Meters meters,
                   Runnable cancelDatabaseWork) {
        public SendApp {
            Objects.requireNonNull(migration, "migration");
            Objects.requireNonNull(useCase, "useCase");
            Objects.requireNonNull(meters, "meters");
            Objects.requireNonNull(cancelDatabaseWork, "cancelDatabaseWork");
        }
    }

    /**
     * What {@code history} uses.
     *
     * @param schema  the ledger's tables as found (none when the database itself does not exist yet)
     * @param history read only when {@code schema} is current
     */
    record HistoryApp(LedgerSchema.State schema, DeliveryHistory history) {
        public HistoryApp {
            Objects.requireNonNull(schema, "schema");
            Objects.requireNonNull(history, "history");
        }
    }

    /**
     * What {@code release} uses.
     *
     * @param schema the ledger's tables as found
     * @param ledger written only when {@code schema} is current
     * @param lease  how old a claim must be to count as left by a dead run ({@code notify.claim-lease})
     */
    /** What {@code release} uses: the rules and the suppressions tell which released rows the next run sends. */
    record ReleaseApp(LedgerSchema.State schema, DeliveryLedger ledger, Duration lease, NotificationRules rules,
                      Suppressions suppressions) {
        public ReleaseApp {
            Objects.requireNonNull(schema, "schema");
            Objects.requireNonNull(ledger, "ledger");
            Objects.requireNonNull(lease, "lease");
            Objects.requireNonNull(rules, "rules");
            Objects.requireNonNull(suppressions, "suppressions");
        }
    }
}
