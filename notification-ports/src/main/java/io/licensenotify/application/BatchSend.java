package io.licensenotify.application;

import io.licensenotify.domain.Delivery;
import io.licensenotify.domain.DeliveryKey;
import io.licensenotify.domain.DeliveryState;
import io.licensenotify.domain.Enterprise;
import io.licensenotify.domain.NotificationKind;
import io.licensenotify.domain.Plan;
import io.licensenotify.ports.in.RunObserver.Fate;
import io.licensenotify.ports.in.SendNotificationsUseCase.Request;
import io.licensenotify.ports.out.DeliveryLedger.Claim;
import io.licensenotify.ports.out.Failure;
import io.licensenotify.ports.out.FailureKind;
import io.licensenotify.ports.out.Message;
import io.licensenotify.ports.out.Redact;
import io.licensenotify.ports.out.SendOutcome;
import io.licensenotify.ports.out.StorageException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One batch of one kind to at most {@link Message#MAX_RECIPIENTS} admins: mark as sending (one statement, unless the
 * claim marked it), send, settle as the outcome says. A key another run took over is reported and never overwritten.
 */
final class BatchSend {
    private static final Logger log = LoggerFactory.getLogger(BatchSend.class);

    private final SendNotificationsService.Ports ports;
    private final Request request;
    private final Tally tally;
    private final InFlight inFlight;

    BatchSend(SendNotificationsService.Ports ports, Request request, Tally tally, InFlight inFlight) {
        this.ports = ports;
        this.request = request;
        this.tally = tally;
        this.inFlight = inFlight;
    }

    /** Sends the batch; its keys in {@code markedAtClaim} are marked already, the others are marked first. */
    void send(Claim claim, Enterprise enterprise, Plan plan, List<Delivery> batch, Set<DeliveryKey> markedAtClaim) {
        NotificationKind kind = batch.get(0).kind();
        List<Delivery> unmarked = batch.stream().filter(d -> !markedAtClaim.contains(d.key())).toList();
        Set<DeliveryKey> notSending = unmarked.isEmpty() ? Set.of() : mark(claim, enterprise, unmarked);
        List<Delivery> sending = batch.stream().filter(d -> !notSending.contains(d.key())).toList();
        inFlight.sending(claim, sending);
        inFlight.done(claim, batch.stream().filter(d -> notSending.contains(d.key())).toList());
        if (sending.isEmpty()) return;

        SendOutcome outcome;
        try {
            outcome = ports.messenger().send(new Message(kind, enterprise, plan,
                    sending.stream().map(Delivery::admin).toList(), request.asOf()));
        } catch (RuntimeException e) {
            // The messenger promises outcomes, not exceptions; if it throws anyway nobody knows what Braze got.
            outcome = new SendOutcome.OutcomeUnknown("messenger failed: " + Run.describe(e));
        }
        try {
            settle(claim, enterprise, kind, sending, outcome);
        } finally {
            inFlight.done(claim, sending);
        }
    }

    /**
     * Marks the deliveries as sending with one statement; returns those not to send, reported here: taken over by
     * another run, or all of them when the ledger cannot mark them (they stay pending, which the next run past the
     * lease knows were never sent).
     */
    private Set<DeliveryKey> mark(Claim claim, Enterprise enterprise, List<Delivery> unmarked) {
        try {
            Set<DeliveryKey> takenOver = ports.ledger().settle(claim, keys(unmarked), DeliveryState.SENDING, null);
            for (Delivery d : unmarked)
                if (takenOver.contains(d.key()))
                    tally.delivery(d.key(), Fate.CLAIMED_ELSEWHERE, "another run took this claim over");
            return takenOver;
        } catch (StorageException e) {
            String why = "not sent: the ledger could not mark it as sending (" + e.getMessage()
                    + "); the next run past the claim lease sends it";
            for (Delivery d : unmarked) tally.delivery(d.key(), Fate.FAILED, FailureKind.STORAGE, why);
            log.warn("enterprise {}: {} deliveries {}", enterprise.uuid(), unmarked.size(), Redact.emails(why));
            return Set.copyOf(keys(unmarked));
        }
    }

    /** What the ledger records as the dispatch of a request Braze queued (a dispatch id is 128 characters at most). */
    static final String QUEUED = "queued by Braze (maintenance)";

    private void settle(Claim claim, Enterprise enterprise, NotificationKind kind, List<Delivery> batch,
                        SendOutcome outcome) {
        if (outcome instanceof SendOutcome.Sent sent && !sent.errors().isEmpty()) {
            settleNamedApart(claim, enterprise, kind, batch, sent);
            return;
        }
        settleAll(claim, enterprise, kind, batch, outcome);
    }

    /**
     * A success that lists errors (docs/operating.md "What SENT means"): each recipient an error names was not
     * processed, though the rest of the request went out. It is recorded {@code UNCERTAIN} with what Braze said,
     * named in the report and never resent blindly; the others are {@code SENT}. An error that names nobody is logged.
     */
    private void settleNamedApart(Claim claim, Enterprise enterprise, NotificationKind kind, List<Delivery> batch,
                                  SendOutcome.Sent sent) {
        Map<Boolean, List<Delivery>> named = new java.util.LinkedHashMap<>();
        named.put(false, new java.util.ArrayList<>());
        named.put(true, new java.util.ArrayList<>());
        Map<DeliveryKey, String> said = new java.util.HashMap<>();
        for (Delivery d : batch) {
            java.util.Optional<String> error = sent.errorNaming(d.key().ecuId(), d.lmsUserId());
            error.ifPresent(e -> said.put(d.key(), e));
            named.get(error.isPresent()).add(d);
        }
        if (said.isEmpty())
            log.warn("enterprise {}: Braze accepted {} to {} admins and listed errors naming none of them: {}",
                    enterprise.uuid(), kind.code(), batch.size(), Redact.emails(String.join("; ", sent.errors())));
        if (!named.get(false).isEmpty()) settleAll(claim, enterprise, kind, named.get(false), sent);
        for (Delivery d : named.get(true))
            settleAll(claim, enterprise, kind, List.of(d), new SendOutcome.OutcomeUnknown("Braze answered success"
                    + " but listed this recipient in its errors, so it was not processed: " + said.get(d.key())));
    }

    private void settleAll(Claim claim, Enterprise enterprise, NotificationKind kind, List<Delivery> batch,
                        SendOutcome outcome) {
        Set<DeliveryKey> lost;
        try {
            if (outcome instanceof SendOutcome.Sent sent)
                lost = ports.ledger().settle(claim, keys(batch), DeliveryState.SENT,
                        !sent.queued() ? sent.dispatchId() : sent.dispatchId().isBlank() ? QUEUED
                                : QUEUED + ": " + sent.dispatchId());
            else if (outcome instanceof SendOutcome.Failed failed)
                lost = ports.ledger().settle(claim, keys(batch), DeliveryState.FAILED, Redact.emails(failed.reason()));
            else
                lost = ports.ledger().settle(claim, keys(batch), DeliveryState.UNCERTAIN,
                        Redact.emails(((SendOutcome.OutcomeUnknown) outcome).reason()));
        } catch (StorageException e) {
            count(enterprise, kind, batch, outcome);
            String why = Outcomes.describe(outcome) + ", but the ledger could not record it (" + e.getMessage()
                    + "): it stays marked as sending, which the next run past the claim lease records as uncertain";
            for (Delivery d : batch) tally.problem(Failure.of(d.key(), FailureKind.STORAGE, why));
            log.warn("enterprise {}: {} deliveries {}", enterprise.uuid(), batch.size(), Redact.emails(why));
            return;
        }
        count(enterprise, kind, batch, outcome);
        for (Delivery d : batch)
            if (lost.contains(d.key()))
                tally.problem(Failure.of(d.key(), FailureKind.TAKEN_OVER, Outcomes.describe(outcome) + ", but another"
                        + " run took the claim over meanwhile (it was older than notify.claim-lease); that run's"
                        + " record stands"));
    }

    private void count(Enterprise enterprise, NotificationKind kind, List<Delivery> batch, SendOutcome outcome) {
        if (outcome instanceof SendOutcome.Sent sent) {
            tally.messageAccepted(!sent.dispatchId().isBlank(), batch.size());
            for (Delivery d : batch) tally.delivery(d.key(), Fate.SENT, sent.dispatchId());
            if (sent.queued()) {
                tally.queued(kind, batch.size());
                log.warn("enterprise {}: Braze queued {} to {} admins (it is in maintenance and sends them later)",
                        enterprise.uuid(), kind.code(), batch.size());
            }
            // one line per batch would be 100,000 lines for 100,000 enterprises: INFO keeps the start, progress, end
            log.debug("enterprise {}: sent {} to {} admins (dispatch {})", enterprise.uuid(), kind.code(),
                    batch.size(), sent.dispatchId().isBlank() ? "id unknown" : sent.dispatchId());
        } else if (outcome instanceof SendOutcome.Failed failed) {
            FailureKind error = failed.transientFailure() ? FailureKind.SEND_TRANSIENT : FailureKind.SEND_PERMANENT;
            for (Delivery d : batch) tally.delivery(d.key(), Fate.FAILED, error, failed.reason());
            log.warn("enterprise {}: {} to {} admins failed ({}): {}", enterprise.uuid(), kind.code(),
                    batch.size(), error, Redact.emails(failed.reason()));
        } else if (outcome instanceof SendOutcome.OutcomeUnknown unknown) {
            for (Delivery d : batch) tally.delivery(d.key(), Fate.UNCERTAIN, FailureKind.OUTCOME_UNKNOWN, unknown.reason());
            log.warn("enterprise {}: {} to {} admins has an unknown outcome, not retried: {}", enterprise.uuid(),
                    kind.code(), batch.size(), Redact.emails(unknown.reason()));
        }
    }

    private static List<DeliveryKey> keys(List<Delivery> batch) {
        return batch.stream().map(Delivery::key).toList();
    }

    /** How an outcome reads in a failure message. */
    private static final class Outcomes {
        static String describe(SendOutcome outcome) {
            if (outcome instanceof SendOutcome.Sent sent)
                return "sent (dispatch " + (sent.dispatchId().isBlank() ? "id unknown" : sent.dispatchId()) + ")";
            if (outcome instanceof SendOutcome.Failed failed) return "definitely not sent (" + failed.reason() + ")";
            return "outcome unknown (" + ((SendOutcome.OutcomeUnknown) outcome).reason() + ")";
        }
    }
}
