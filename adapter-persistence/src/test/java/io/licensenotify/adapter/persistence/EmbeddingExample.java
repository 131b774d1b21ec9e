package io.licensenotify.adapter.persistence;

import io.licensenotify.application.RunSettings;
import io.licensenotify.application.SendNotificationsService;
import io.licensenotify.domain.NotificationRules;
import io.licensenotify.ports.in.RunReport;
import io.licensenotify.ports.in.SendNotificationsUseCase;
import io.licensenotify.ports.out.Admins;
import io.licensenotify.ports.out.ErrorReporter;
import io.licensenotify.ports.out.Messenger;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** docs/embedding.md's "Embedding the service", compiled and run on a real database by {@link EmbeddingExampleTest}. */
final class EmbeddingExample {
    // README begin
    /** In a service of yours: right after a license was assigned, the enterprise's emails, once, as the daily job would. */
    static final class LicenseAssignedHook {
        private final SendNotificationsUseCase notifications;
        private final Clock clock;

        LicenseAssignedHook(Database database, Admins admins, Messenger email, Clock clock) {
            // no Guice: plain constructors, this project's adapters for license data, the ledger and the
            // suppressions (the same tables as the daily job's); yours, or LmsAdmins and BrazeMessenger, for the rest
            ErrorReporter tellNobody = errors -> Optional.empty(); // the report says it all to the caller
            this.notifications = new SendNotificationsService(new JooqEnterprises(database), admins, email,
                    new JooqDeliveryLedger(database), new JooqSuppressions(database), tellNobody,
                    NotificationRules.DEFAULT, RunSettings.DEFAULT, clock);
            this.clock = clock;
        }

        RunReport afterLicenseAssigned(UUID enterprise) {
            RunReport report = notifications.run(SendNotificationsUseCase.Request.of(LocalDate.now(clock))
                    .withEnterprises(Set.of(enterprise)));
            // whichever of this call and the daily job runs first sends; the other sends nothing again, and an
            // admin suppressed with 'license-notify suppress' gets nothing from either
            if (report.hasProblems())
                report.problems().failures().forEach(f -> System.err.println(f.error() + " " + f.message()));
            return report;
        }
    }
    // README end

    private EmbeddingExample() {
    }
}
