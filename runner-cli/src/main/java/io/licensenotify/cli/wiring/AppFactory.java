package io.licensenotify.cli.wiring;

import io.licensenotify.cli.Meters;
import io.licensenotify.cli.config.Config;
import io.licensenotify.ports.in.SendNotificationsUseCase;
import io.licensenotify.ports.out.DeliveryHistory;
import io.licensenotify.ports.out.Suppressions;

import java.util.List;
import java.util.Objects;

/**
 * Builds what each command works with, for a configuration already validated for that command, so that a command
 * receives it and knows nothing of how it was made. Production: {@link Wiring}, Guice over the adapters; tests give
 * fakes.
 */
public interface AppFactory {
    /** {@code send}: the ledger's migration, run first, and the use case. */
    SendApp send(Config config);

    /** {@code migrate}: this project's tables brought up to date; needs only the database. */
    SchemaMigration migration(Config config);

    /** {@code history}: the deliveries recorded; needs only the database. */
    DeliveryHistory history(Config config);

    /** {@code suppress}, {@code unsuppress}, {@code suppressions}: who gets no email; needs only the database. */
    SuppressionsApp suppressions(Config config);

    /** {@code check}: each system to reach (the database, the LMS, Braze), sorted by name. */
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
     */
    record SendApp(SchemaMigration migration, SendNotificationsUseCase useCase, Meters meters) {
        public SendApp {
            Objects.requireNonNull(migration, "migration");
            Objects.requireNonNull(useCase, "useCase");
            Objects.requireNonNull(meters, "meters");
        }
    }
}
