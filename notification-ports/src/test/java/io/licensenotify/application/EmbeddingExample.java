package io.licensenotify.application;

import io.licensenotify.domain.NotificationRules;
import io.licensenotify.ports.in.RunReport;
import io.licensenotify.ports.in.SendNotificationsUseCase;
import io.licensenotify.ports.out.Admins;
import io.licensenotify.ports.out.DeliveryLedger;
import io.licensenotify.ports.out.Enterprises;
import io.licensenotify.ports.out.ErrorReporter;
import io.licensenotify.ports.out.Messenger;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** The README's "Embedding the service", compiled and run by {@link EmbeddingExampleTest}. */
final class EmbeddingExample {
    private EmbeddingExample() {
    }

    // README begin
    /** Right after a license of {@code enterprise} was assigned: its threshold emails, once, as the daily job would. */
    static RunReport afterLicenseAssigned(UUID enterprise, Enterprises licenseData, Admins admins, Messenger email,
                                          DeliveryLedger ledger, Clock clock) {
        // no Guice: plain constructors; your adapters implement the ports (or use this project's: JooqEnterprises,
        // LmsAdmins, BrazeMessenger, JooqDeliveryLedger)
        ErrorReporter tellNobody = problems -> Optional.empty(); // the report says it all to the caller
        SendNotificationsUseCase notifications = new SendNotificationsService(licenseData, admins, email, ledger,
                tellNobody, NotificationRules.DEFAULT, RunSettings.DEFAULT, clock);
        RunReport report = notifications.run(new SendNotificationsUseCase.Request(LocalDate.now(clock), false)
                .only(Set.of(enterprise)));
        // the same ledger as the daily job: whichever of the two runs first sends, the other sends nothing again
        if (report.hasProblems())
            report.failures().forEach(f -> System.err.println(f.error() + " " + f.message()));
        return report;
    }
    // README end
}
