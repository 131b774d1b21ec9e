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
import io.licensenotify.ports.in.RunObserver.Fate;
import io.licensenotify.ports.in.SendNotificationsUseCase.Request;
import io.licensenotify.ports.out.AdminLookupException;
import io.licensenotify.ports.out.AdminRoster;
import io.licensenotify.ports.out.DeliveryLedger.Claim;
import io.licensenotify.ports.out.EnterpriseLicenses;
import io.licensenotify.ports.out.Failure;
import io.licensenotify.ports.out.FailureKind;
import io.licensenotify.ports.out.Message;
import io.licensenotify.ports.out.Redact;
import io.licensenotify.ports.out.StorageException;
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
 * One enterprise of a run, on a worker thread: pick its plan (no plan, no LMS call), read its admins, decide,
 * record what is superseded, claim, and send batch by batch ({@link BatchSend}). Whatever it throws ends as a
 * failure of that enterprise; an {@link Error} also stops the run from starting new work.
 */
final class EnterpriseRun {
    private static final Logger log = LoggerFactory.getLogger(EnterpriseRun.class);

    private final SendNotificationsService.Ports ports;
    private final Request request;
    private final String runId;
    private final AsOf day;
    private final Tally tally;
    private final Eligibility eligibility;
    private final BatchSend batches;
    private final InFlight inFlight;
    private volatile List<Suppression> suppressions = List.of();

    EnterpriseRun(SendNotificationsService.Ports ports, Request request, String runId, AsOf day, Tally tally,
                  InFlight inFlight) {
        this.ports = ports;
        this.request = request;
        this.runId = runId;
        this.day = day;
        this.tally = tally;
        this.eligibility = new Eligibility(ports.rules());
        this.batches = new BatchSend(ports, request, tally, inFlight);
        this.inFlight = inFlight;
    }

    /** The suppressions in force for this run, read once before the first enterprise. */
    void suppressions(List<Suppression> inForce) {
        this.suppressions = List.copyOf(inForce);
    }

    void process(EnterpriseLicenses licenses, LedgerWindow recorded) {
        try (var logged = LogContext.enterprise(runId, request.shard(), licenses.enterprise().uuid())) {
            processLogged(licenses, recorded);
        } finally {
            tally.enterpriseDone(licenses.enterprise().uuid());
        }
    }

    private void processLogged(EnterpriseLicenses licenses, LedgerWindow recorded) {
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
            AdminRoster roster = ports.admins().of(enterprise);
            Decision decision = chosen.decide(roster.admins(), recorded.of(enterprise.uuid()), suppressions);
            count(enterprise, roster);
            if (decision instanceof Decision.Evaluated evaluated) deliver(evaluated);
            else if (((Decision.Skipped) decision).reason() == SkipReason.NO_ADMINS)
                tally.enterpriseWithoutAdmins(enterprise.uuid());
            else tally.enterpriseSkipped(((Decision.Skipped) decision).reason());
        } catch (AdminLookupException e) {
            if (!e.isRunWide()) enterpriseFailed(enterprise, FailureKind.ADMIN_LOOKUP, e.getMessage(), e);
            else if (tally.enterpriseFailedShared(enterprise.uuid(), FailureKind.ADMIN_LOOKUP, e.reason()))
                log.warn("the LMS cannot be used for the rest of this run: {}", Redact.emails(e.reason()));
        } catch (StorageException e) {
            enterpriseFailed(enterprise, FailureKind.STORAGE, e.getMessage(), e);
        } catch (RuntimeException e) {
            enterpriseFailed(enterprise, FailureKind.UNEXPECTED, Run.describe(e), e);
        } catch (Error e) {
            // Not this enterprise's fault alone (out of memory, say): finish what is in flight, start nothing new.
            enterpriseFailed(enterprise, FailureKind.FATAL, Run.describe(e), e);
            request.stop().stop("a worker failed with " + Run.describe(e));
        }
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
            return;
        }
        // re-arming is bookkeeping: recorded even when nothing is due, and whatever a stop says
        if (!decision.rearmed().isEmpty()) ports.ledger().recordArmed(decision.rearmed(), runId);
        if (request.stop().stopRequested()) {
            notSent(decision.due(), "not claimed: the run was stopped before; the next run sends it");
            return;
        }
        if (!decision.superseded().isEmpty()) {
            ports.ledger().recordSuperseded(decision.superseded(), runId);
            for (Delivery d : decision.superseded())
                tally.delivery(d.key(), Fate.SUPERSEDED, "a higher threshold was crossed at the same time");
        }
        if (decision.due().isEmpty()) return;
        // The first batch's request leaves right after the claim: the claim marks it as sending (no statement of
        // its own), and it is sent whatever a stop says meanwhile; later batches are marked one by one, or released.
        List<List<Delivery>> planned = batches(decision.due());
        Set<DeliveryKey> sendingNow = planned.get(0).stream().map(Delivery::key).collect(Collectors.toSet());
        Claim claim = ports.ledger().claim(decision.due(), sendingNow, runId);
        List<Delivery> won = new ArrayList<>();
        for (Delivery d : decision.due()) {
            if (claim.won().contains(d.key())) won.add(d);
            else tally.delivery(d.key(), Fate.CLAIMED_ELSEWHERE, "another run holds this delivery");
        }
        inFlight.claimed(claim, won);
        inFlight.sending(claim, won.stream().filter(d -> sendingNow.contains(d.key())).toList());
        for (List<Delivery> batch : batches(won)) {
            boolean marked = batch.stream().anyMatch(d -> sendingNow.contains(d.key()));
            if (!marked && request.stop().stopRequested()) release(claim, batch);
            else batches.send(claim, decision.enterprise(), decision.plan(), batch, sendingNow);
        }
    }

    /** Per kind, in the order the deliveries come, at most {@link Message#MAX_RECIPIENTS} each. */
    private static List<List<Delivery>> batches(List<Delivery> deliveries) {
        Map<NotificationKind, List<Delivery>> byKind = new LinkedHashMap<>();
        for (Delivery d : deliveries) byKind.computeIfAbsent(d.kind(), k -> new ArrayList<>()).add(d);
        List<List<Delivery>> out = new ArrayList<>();
        for (List<Delivery> kind : byKind.values())
            for (int from = 0; from < kind.size(); from += Message.MAX_RECIPIENTS)
                out.add(kind.subList(from, Math.min(from + Message.MAX_RECIPIENTS, kind.size())));
        return out;
    }

    /** The run stops: a batch whose send never started goes back to the ledger as certainly not sent. */
    private void release(Claim claim, List<Delivery> batch) {
        String reason = "released unsent: the run was stopped before its request; the next run sends it";
        try {
            ports.ledger().release(claim, batch.stream().map(Delivery::key).toList(), reason);
            notSent(batch, reason);
        } catch (StorageException e) {
            notSent(batch, "not sent: the run was stopped before its request, and the claim could not be released ("
                    + e.getMessage() + "); the next run past the claim lease releases and sends it");
        } finally {
            inFlight.done(claim, batch);
        }
    }

    private void notSent(List<Delivery> deliveries, String why) {
        for (Delivery d : deliveries) tally.delivery(d.key(), Fate.FAILED, FailureKind.STOPPED, why);
    }

    private void enterpriseFailed(Enterprise enterprise, FailureKind error, String message, Throwable e) {
        tally.enterpriseFailed(Failure.ofEnterprise(enterprise.uuid(), error, message));
        log.warn("enterprise {} failed ({}): {}", enterprise.uuid(), error, Redact.emails(message));
        log.debug("enterprise {} failure detail", enterprise.uuid(), e);
    }
}
