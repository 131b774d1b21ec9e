package io.licensenotify.application;

import io.licensenotify.domain.AsOf;
import io.licensenotify.domain.Decision;
import io.licensenotify.domain.Delivery;
import io.licensenotify.domain.DeliveryKey;
import io.licensenotify.domain.Eligibility;
import io.licensenotify.domain.Enterprise;
import io.licensenotify.domain.NotificationKind;
import io.licensenotify.domain.SkipReason;
import io.licensenotify.domain.SkippedAdmin;
import io.licensenotify.domain.Suppression;
import io.licensenotify.ports.failure.Failure;
import io.licensenotify.ports.failure.FailureKind;
import io.licensenotify.ports.in.RunObserver.Fate;
import io.licensenotify.ports.in.SendNotificationsUseCase.Request;
import io.licensenotify.ports.out.AdminLookupException;
import io.licensenotify.ports.out.AdminRoster;
import io.licensenotify.ports.out.DeliveryLedger.Claim;
import io.licensenotify.ports.out.EnterpriseLicenses;
import io.licensenotify.ports.out.Message;
import io.licensenotify.ports.out.StorageException;
import io.licensenotify.text.SafeText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One enterprise of a run, on a worker thread: pick its plan (no plan, no LMS call), read its admins, decide, and
 * hand what is due to the {@link Outbox}, which claims and sends it and records what it supersedes. Picking the
 * plan and reading the admins hold one of the run's LMS permits ({@code notify.concurrency} of them), so that the LMS
 * has that many requests at once while other workers' claims, marks and Braze requests go on beside them. Whatever
 * it throws ends as a failure of that enterprise; an {@link Error} also stops the run from starting new work.
 */
final class EnterpriseRun {
    private static final Logger log = LoggerFactory.getLogger(EnterpriseRun.class);

    private final SendNotificationsService.Ports ports;
    private final Request request;
    private final String runId;
    private final AsOf day;
    private final Tally tally;
    private final Eligibility eligibility;
    private final Outbox outbox;
    private final Permits lmsRequests;
    private volatile List<Suppression> suppressions = List.of();

    EnterpriseRun(SendNotificationsService.Ports ports, Request request, String runId, AsOf day, Tally tally,
                  Outbox outbox, Permits lmsRequests) {
        this.ports = ports;
        this.request = request;
        this.runId = runId;
        this.day = day;
        this.tally = tally;
        this.eligibility = new Eligibility(ports.rules());
        this.outbox = outbox;
        this.lmsRequests = lmsRequests;
    }

    /** The suppressions in force for this run, read once before the first enterprise. */
    void suppressions(List<Suppression> inForce) {
        this.suppressions = List.copyOf(inForce);
    }

    /** Processes the enterprise once an LMS permit is free; when the run is asked to stop first, it does not start. */
    void process(EnterpriseLicenses licenses, LedgerWindow recorded) {
        Optional<Permits.Permit> lms = lmsRequests.take();
        if (lms.isEmpty()) return;
        try (Permits.Permit permit = lms.get();
             var logged = LogContext.enterprise(runId, request.shard(), licenses.enterprise().uuid())) {
            processLogged(licenses, recorded, permit);
        } finally {
            tally.enterpriseDone(licenses.enterprise().uuid());
        }
    }

    private void processLogged(EnterpriseLicenses licenses, LedgerWindow recorded, Permits.Permit lms) {
        Enterprise enterprise = licenses.enterprise();
        boolean named = !request.only().isEmpty();
        tally.enterpriseSeen(enterprise, named);
        for (String plan : licenses.unreadablePlans())
            tally.problem(Failure.ofEnterprise(enterprise.uuid(), FailureKind.BAD_DATA, plan));
        try {
            Eligibility.Selection selection = eligibility.select(enterprise, licenses.plans(), day.date());
            if (selection instanceof Decision.Skipped skipped) {
                tally.enterpriseSkipped(skipped.reason());
                if (named) tally.withoutPlan(enterprise.uuid());
                return;
            }
            Eligibility.Chosen chosen = (Eligibility.Chosen) selection;
            AdminRoster roster;
            try {
                roster = ports.admins().of(enterprise);
            } finally {
                lms.close(); // the LMS's turn ends here: what follows is the ledger's and Braze's
            }
            Decision decision = chosen.decide(roster.admins(), recorded.of(enterprise.uuid()), suppressions);
            count(enterprise, roster);
            if (decision instanceof Decision.Evaluated evaluated) deliver(evaluated);
            else if (((Decision.Skipped) decision).reason() == SkipReason.NO_ADMINS)
                tally.enterpriseWithoutAdmins(enterprise.uuid());
            else tally.enterpriseSkipped(((Decision.Skipped) decision).reason());
        } catch (AdminLookupException e) {
            if (!e.isRunWide()) enterpriseFailed(enterprise, FailureKind.ADMIN_LOOKUP, e.getMessage(), e);
            else if (tally.enterpriseFailedShared(enterprise.uuid(), FailureKind.ADMIN_LOOKUP, e.reason()))
                log.warn("the LMS cannot be used for the rest of this run: {}", SafeText.withoutEmails(e.reason()));
        } catch (StorageException e) {
            enterpriseFailed(enterprise, FailureKind.STORAGE, e.getMessage(), e);
        } catch (RuntimeException e) {
            if (Run.original(e) instanceof Error error) fatal(enterprise, error);
            else enterpriseFailed(enterprise, FailureKind.UNEXPECTED, Run.describe(e), e);
        } catch (Error e) {
            fatal(enterprise, e);
        }
    }

    /** Not this enterprise's fault alone (out of memory, say): finish what is in flight, start nothing new. */
    private void fatal(Enterprise enterprise, Error e) {
        enterpriseFailed(enterprise, FailureKind.FATAL, Run.describe(e), e);
        request.stop().stop("a worker failed with " + Run.describe(e));
    }

    /** The LMS's rows: every one seen, those not of this enterprise's admins skipped, unreadable ones failed. */
    private void count(Enterprise enterprise, AdminRoster roster) {
        tally.adminsSeen(roster.admins().size() + roster.ignored().size() + roster.unreadable().size());
        for (AdminRoster.Rejected row : roster.ignored()) tally.adminSkipped(row.reason().orElseThrow());
        for (AdminRoster.Rejected row : roster.unreadable())
            tally.problem(new Failure(enterprise.uuid(), row.ecuId(), Optional.empty(), FailureKind.BAD_DATA,
                    "an LMS row cannot be read: " + row.detail()));
    }

    private void deliver(Decision.Evaluated decision) {
        tally.enterpriseEvaluated();
        for (SkippedAdmin s : decision.skipped()) {
            tally.adminSkipped(s.reason());
            if (s.reason() == SkipReason.NO_ACTIVATION_TIME)
                tally.problem(new Failure(decision.enterprise().uuid(), Optional.of(s.admin().ecuId()),
                        Optional.of(NotificationKind.WEEKLY_DIGEST), FailureKind.BAD_DATA,
                        "the LMS gives no activation time ('created') for this admin, so no weekly digest can be"
                                + " counted; its threshold emails are sent as usual"));
        }
        for (Delivery d : decision.due()) tally.due(d);
        for (Delivery d : decision.suppressed()) tally.suppressed(d);
        if (request.dryRun()) {
            for (Delivery d : decision.superseded()) tally.delivery(d.key(), Fate.SUPERSEDED, "dry run");
            for (Delivery d : decision.due()) tally.wouldSend(d);
            outbox.plan(decision.enterprise(), decision.due());
            return;
        }
        // re-arming is bookkeeping: recorded even when nothing is due, and whatever a stop says
        if (!decision.rearmed().isEmpty()) ports.ledger().recordArmed(decision.rearmed(), runId);
        if (request.stop().stopRequested()) {
            notSent(decision.due(), "not claimed: the run was stopped before; the next run sends it");
            return;
        }
        if (!decision.due().isEmpty()) {
            // what the due deliveries supersede is recorded by their claim, in the same statement
            outbox.deliver(decision.enterprise(), decision.due(), decision.superseded());
        } else if (!decision.superseded().isEmpty()) {
            ports.ledger().recordSuperseded(decision.superseded(), runId);
            for (Delivery d : decision.superseded()) tally.delivery(d.key(), Fate.SUPERSEDED, Settlement.SUPERSEDED);
        }
    }

    private void notSent(List<Delivery> deliveries, String why) {
        for (Delivery d : deliveries) tally.delivery(d.key(), Fate.FAILED, FailureKind.STOPPED, why);
    }

    private void enterpriseFailed(Enterprise enterprise, FailureKind error, String message, Throwable e) {
        tally.enterpriseFailed(Failure.ofEnterprise(enterprise.uuid(), error, message));
        log.warn("enterprise {} failed ({}): {}", enterprise.uuid(), error, SafeText.withoutEmails(message));
        log.debug("enterprise {} failure detail", enterprise.uuid(), e);
    }
}
