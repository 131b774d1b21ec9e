package io.licensenotify.application;

import io.licensenotify.domain.NotificationRules;
import io.licensenotify.ports.in.RunReport;
import io.licensenotify.ports.in.SendNotificationsUseCase;
import io.licensenotify.ports.out.Admins;
import io.licensenotify.ports.out.DeliveryLedger;
import io.licensenotify.ports.out.Enterprises;
import io.licensenotify.ports.out.ErrorReporter;
import io.licensenotify.ports.out.Messenger;
import io.licensenotify.ports.out.Suppressions;
import jakarta.inject.Inject;

import java.time.Clock;
import java.util.Objects;

/**
 * Drives a run: load, decide, claim, mark, send, settle, report. Enterprises are processed concurrently (bounded by
 * {@link RunSettings#concurrency()}); one enterprise's or admin's failure never stops the others and lands in the
 * report. Deliveries follow docs/design.md "Delivery semantics": claimed before the send, marked as sending just before the
 * request leaves, settled after it by the run holding the claim, so that of two overlapping runs only one sends
 * each email, and a run that dies leaves claims the next run can tell apart: never sent (sent then) or maybe sent
 * (uncertain). Whatever ends a run (a signal, a fatal error, license data that cannot be read), it returns a report.
 */
public final class SendNotificationsService implements SendNotificationsUseCase {
    private final Ports ports;
    private final RunSettings settings;
    private final Clock clock;

    /**
     * The one way to build the service: every port is named, suppressions included (rule 6), so that no caller
     * sends to an admin an operator suppressed by leaving them out. A caller that truly keeps none passes
     * {@link Suppressions#NONE}, visibly.
     */
    @Inject
    public SendNotificationsService(Enterprises enterprises, Admins admins, Messenger messenger, DeliveryLedger ledger,
                                    Suppressions suppressions, ErrorReporter errorReporter, NotificationRules rules,
                                    RunSettings settings, Clock clock) {
        this.ports = new Ports(enterprises, admins, messenger, ledger, suppressions, errorReporter, rules);
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public RunReport run(Request request) {
        Objects.requireNonNull(request, "request");
        return new Run(ports, settings, clock, request, request.runId()).execute();
    }

    /** What a run talks to. */
    record Ports(Enterprises enterprises, Admins admins, Messenger messenger, DeliveryLedger ledger,
                 Suppressions suppressions, ErrorReporter errorReporter, NotificationRules rules) {
        Ports {
            Objects.requireNonNull(suppressions, "suppressions");
            Objects.requireNonNull(enterprises, "enterprises");
            Objects.requireNonNull(admins, "admins");
            Objects.requireNonNull(messenger, "messenger");
            Objects.requireNonNull(ledger, "ledger");
            Objects.requireNonNull(errorReporter, "errorReporter");
            Objects.requireNonNull(rules, "rules");
        }
    }
}
