package io.licensenotify.application;

import io.licensenotify.application.RunSettings.Batching;
import io.licensenotify.domain.Delivery;
import io.licensenotify.domain.DeliveryKey;
import io.licensenotify.domain.DeliveryState;
import io.licensenotify.domain.Enterprise;
import io.licensenotify.ports.failure.FailureKind;
import io.licensenotify.ports.in.RunObserver.Fate;
import io.licensenotify.ports.in.SendNotificationsUseCase.Request;
import io.licensenotify.ports.out.DeliveryLedger.Claim;
import io.licensenotify.ports.out.Message;
import io.licensenotify.ports.out.SendOutcome;
import io.licensenotify.ports.out.StorageException;
import io.licensenotify.text.SafeText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import static io.licensenotify.application.OutboxEntry.claims;
import static io.licensenotify.application.OutboxEntry.keys;

/**
 * The delivery protocol of a run, in one place (docs/design.md "Delivery semantics"): claim, mark, send, settle as the
 * outcome says ({@link Settlement}) or release what is not sent, and what is in flight when the run stops at once.
 *
 * <p>Packed ({@link Batching#PACKED}, the default), an enterprise's due deliveries wait in the outbox, not claimed yet,
 * and leave in requests of any enterprises ({@link Packing} says when): a request's keys are claimed and marked as
 * sending by one statement right before it leaves, so a delivery another run holds is reported and left out. Per
 * enterprise ({@link Batching#ENTERPRISE}), each enterprise's deliveries are claimed at once and its requests leave
 * at once, its first one marked as sending by the claim itself. Either way a claim, a mark and a settle are one
 * statement each, whatever enterprises the keys of a request came from.
 *
 * <p>A stop lets what is marked finish and releases the rest (certainly not sent; the next run sends it): what is
 * claimed goes back to the ledger, what waits unclaimed is only reported. An abort ({@link #abandon}) does not wait:
 * pending deliveries are released, sending ones become uncertain, unless a worker got there first (each pending
 * delivery is {@link #taken} once; the ledger refuses a second settle).
 */
final class Outbox implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Outbox.class);
    static final String RELEASED = "released unsent: the run was stopped before its request; the next run sends it";
    private static final String ABANDONED = "the run was stopped at once while its request was in flight: whether"
            + " it was sent is unknown";

    private final SendNotificationsService.Ports ports;
    private final Request request;
    private final String runId;
    private final Tally tally;
    private final Settlement settlement;

    /** Not marked as sending: in the outbox (packed, not claimed yet), or claimed for their enterprise's request. */
    private final Set<OutboxEntry> pending = ConcurrentHashMap.newKeySet();
    /** Marked as sending: the request is leaving or left, the outcome not settled yet. */
    private final Set<OutboxEntry> sending = ConcurrentHashMap.newKeySet();
    /** Packed: the requests forming and the threads that send them; none per enterprise. */
    private final Packing packing;

    Outbox(SendNotificationsService.Ports ports, Request request, RunSettings settings, String runId, Tally tally) {
        this.ports = ports;
        this.request = request;
        this.runId = runId;
        this.tally = tally;
        this.settlement = new Settlement(ports.ledger(), tally);
        this.packing = settings.batching() == Batching.PACKED
                ? new Packing(request, settings, tally, this::sendOnOutbox) : null;
    }

    /** Claims and sends what is due, or puts it in the outbox to leave packed; its claim records what it supersedes. */
    void deliver(Enterprise enterprise, List<Delivery> due, List<Delivery> superseded) {
        List<OutboxEntry> waiting = OutboxEntry.of(enterprise, due, superseded);
        if (packing == null) {
            deliverAlone(waiting);
            return;
        }
        pending.addAll(waiting);
        for (List<OutboxEntry> r : packing.add(waiting)) send(r, Set.of());
    }

    /** A dry run: counts the requests the deliveries would make, claiming nothing. */
    void plan(Enterprise enterprise, List<Delivery> due) {
        List<OutboxEntry> entries = OutboxEntry.of(enterprise, due, List.of());
        if (packing != null) {
            packing.plan(entries);
            return;
        }
        Requests own = new Requests();
        entries.forEach(own::add);
        own.takeAll().forEach(r -> tally.requestPlanned());
    }

    /** Per enterprise: its deliveries claimed together, its requests leave now, the first one marked by the claim. */
    private void deliverAlone(List<OutboxEntry> entries) {
        Requests own = new Requests();
        entries.forEach(own::add);
        Set<DeliveryKey> sendingNow = own.first().stream().map(OutboxEntry::key).collect(Collectors.toSet());
        Claim claim = ports.ledger().claim(entries.stream().map(e -> e.delivery).toList(),
                OutboxEntry.superseded(entries), sendingNow, runId);
        settlement.superseded(entries);
        own = new Requests();
        for (OutboxEntry e : entries) {
            if (!claim.won().contains(e.key())) {
                tally.delivery(e.key(), Fate.CLAIMED_ELSEWHERE, "another run holds this delivery");
                continue;
            }
            e.claimedBy(claim);
            own.add(e);
            (sendingNow.contains(e.key()) ? sending : pending).add(e);
        }
        for (List<OutboxEntry> r : own.takeAll()) send(r, sendingNow);
    }

    /** The run has no enterprise left that could add to a request: packed, what is forming leaves (or is released). */
    void flush() {
        if (packing != null) packing.flush();
    }

    @Override
    public void close() {
        if (packing != null) packing.close();
    }

    /**
     * Sends one request of one kind: marks its keys as sending with one statement (those the claim marked are marked
     * already), sends, settles. After a stop, a request not marked yet is released instead.
     */
    private void send(List<OutboxEntry> request, Set<DeliveryKey> markedAtClaim) {
        try (LogContext.Scope logged = LogContext.request(OutboxEntry.enterprises(request))) {
            sendRequest(request, markedAtClaim);
        }
    }

    private void sendRequest(List<OutboxEntry> request, Set<DeliveryKey> markedAtClaim) {
        List<OutboxEntry> unmarked = request.stream().filter(e -> !markedAtClaim.contains(e.key())).toList();
        if (!unmarked.isEmpty() && unmarked.size() == request.size() && this.request.stop().stopRequested()) {
            release(unmarked);
            return;
        }
        var going = new ArrayList<>(request.stream().filter(e -> markedAtClaim.contains(e.key())).toList());
        if (!unmarked.isEmpty())
            going.addAll(unmarked.get(0).claim == null ? claimAsSending(unmarked) : mark(unmarked));
        if (going.isEmpty()) return;
        SendOutcome outcome;
        try {
            outcome = ports.messenger().send(new Message(going.get(0).delivery.kind(),
                    going.stream().map(OutboxEntry::recipient).toList(), this.request.asOf()));
        } catch (RuntimeException e) {
            // The messenger promises outcomes, not exceptions; if it throws anyway nobody knows what Braze got.
            if (Run.original(e) instanceof Error error) throw error; // even masked, an Error stops the run
            outcome = new SendOutcome.OutcomeUnknown("messenger failed: " + Run.describe(e));
        }
        try {
            settlement.settle(going, outcome);
        } finally {
            going.forEach(sending::remove);
        }
    }

    /**
     * Packed: claims the request's keys as sending with one statement; returns those to send, claimed. A key another
     * run holds is reported; when the ledger cannot claim them, none is sent, and the next run sends them.
     */
    private List<OutboxEntry> claimAsSending(List<OutboxEntry> request) {
        List<OutboxEntry> waiting = taken(request);
        if (waiting.isEmpty()) return List.of();
        List<Delivery> deliveries = waiting.stream().map(e -> e.delivery).toList();
        Claim claim;
        try {
            claim = ports.ledger().claim(deliveries, OutboxEntry.superseded(waiting), Set.copyOf(keys(waiting)), runId);
        } catch (StorageException e) {
            return notSent(waiting, "not sent: the ledger could not record its claim (" + e.getMessage()
                    + "); the next run sends it");
        }
        settlement.superseded(waiting);
        List<OutboxEntry> going = new ArrayList<>();
        for (OutboxEntry d : waiting) {
            if (claim.won().contains(d.key())) {
                d.claimedBy(claim);
                sending.add(d);
                going.add(d);
            } else {
                tally.delivery(d.key(), Fate.CLAIMED_ELSEWHERE, "another run holds this delivery");
            }
        }
        return going;
    }

    /**
     * Marks the entries as sending with one statement; returns those to send. One another run took over is reported;
     * when the ledger cannot mark them, none is sent (they stay pending, which the next run past the lease knows
     * were never sent).
     */
    private List<OutboxEntry> mark(List<OutboxEntry> request) {
        List<OutboxEntry> unmarked = taken(request);
        if (unmarked.isEmpty()) return List.of();
        Set<DeliveryKey> takenOver;
        try {
            takenOver = ports.ledger().settleAcross(claims(unmarked), keys(unmarked), DeliveryState.SENDING, null);
        } catch (StorageException e) {
            return notSent(unmarked, "not sent: the ledger could not mark it as sending (" + e.getMessage()
                    + "); the next run past the claim lease sends it");
        }
        List<OutboxEntry> going = new ArrayList<>();
        for (OutboxEntry d : unmarked) {
            if (takenOver.contains(d.key())) {
                tally.delivery(d.key(), Fate.CLAIMED_ELSEWHERE, "another run took this claim over");
            } else {
                sending.add(d);
                going.add(d);
            }
        }
        return going;
    }

    /** The ledger failed before the request left: none of it is sent, each reported. Returns nothing to send. */
    private List<OutboxEntry> notSent(List<OutboxEntry> entries, String why) {
        for (OutboxEntry d : entries) settlement.problem(d, Fate.FAILED, FailureKind.STORAGE, why);
        log.warn("{} deliveries {}", entries.size(), SafeText.withoutEmails(why));
        return List.of();
    }

    /** The run stops: a request never sent goes back to the ledger as not sent (if never claimed, only reported). */
    private void release(List<OutboxEntry> request) {
        List<OutboxEntry> entries = taken(request);
        try {
            Set<DeliveryKey> kept = releaseClaimed(entries);
            for (OutboxEntry d : entries)
                if (!kept.contains(d.key())) settlement.problem(d, Fate.FAILED, FailureKind.STOPPED, RELEASED);
        } catch (StorageException e) {
            for (OutboxEntry d : entries)
                settlement.problem(d, Fate.FAILED, FailureKind.STOPPED, "not sent: the run was stopped before its"
                        + " request, and the claim could not be released (" + e.getMessage() + "); the next run past"
                        + " the claim lease releases and sends it");
        }
    }

    /**
     * The run is stopped at once and no longer waits for its workers: what is claimed and not marked is released,
     * what is marked becomes uncertain, each with one statement.
     */
    void abandon() {
        close();
        settleOnStop(taken(List.copyOf(pending)), this::releaseClaimed, Fate.FAILED, FailureKind.STOPPED, RELEASED);
        settleOnStop(List.copyOf(sending), entries -> ports.ledger().settleAcross(claims(entries), keys(entries),
                DeliveryState.UNCERTAIN, ABANDONED), Fate.UNCERTAIN, FailureKind.OUTCOME_UNKNOWN, ABANDONED);
    }

    private void settleOnStop(List<OutboxEntry> entries, Function<List<OutboxEntry>, Set<DeliveryKey>> move,
                              Fate fate, FailureKind error, String message) {
        if (entries.isEmpty()) return;
        try {
            Set<DeliveryKey> untouched = move.apply(entries);
            for (OutboxEntry d : entries)
                if (!untouched.contains(d.key())) settlement.problem(d, fate, error, message); // else a worker did
        } catch (RuntimeException e) {
            log.warn("{} claims of run {} could not be settled on stopping ({}); the next run past the claim lease"
                    + " will", entries.size(), runId, e.getMessage());
        }
    }

    /** One request on one of the outbox's own threads: what it throws costs that request only. */
    void sendOnOutbox(List<OutboxEntry> r) {
        try (LogContext.Scope logged = LogContext.run(runId, request.shard())) {
            send(r, Set.of());
        } catch (RuntimeException | Error e) {
            // as on a worker: what was marked stays so (the next run past the claim lease makes it uncertain), and
            // after an Error the run starts nothing new
            String why = "the request failed with " + Run.describe(e) + "; it stays marked as sending, which the"
                    + " next run past the claim lease records as uncertain";
            for (OutboxEntry d : r)
                if (sending.remove(d)) settlement.problem(d, Fate.UNCERTAIN, FailureKind.UNEXPECTED, why);
            log.warn("a request of {} to {} admins failed: {}", Settlement.kind(r), r.size(),
                    SafeText.withoutEmails(Run.describe(e)));
            if (Run.original(e) instanceof Error) request.stop().stop("a sender failed with " + Run.describe(e));
        }
    }

    /**
     * The entries this thread takes out of {@link #pending}: each leaves it once, so of a request leaving and a stop
     * releasing at the same time, exactly one handles each entry (for one not claimed yet, there is no ledger row
     * to decide it).
     */
    private List<OutboxEntry> taken(List<OutboxEntry> entries) {
        List<OutboxEntry> mine = new ArrayList<>(entries.size());
        for (OutboxEntry e : entries) if (pending.remove(e)) mine.add(e);
        return mine;
    }

    /** Releases the claimed entries with one statement; returns the keys left alone, as the ledger does. */
    private Set<DeliveryKey> releaseClaimed(List<OutboxEntry> entries) {
        List<OutboxEntry> claimed = entries.stream().filter(e -> e.claim != null).toList();
        return claimed.isEmpty() ? Set.of() : ports.ledger().releaseAcross(claims(claimed), keys(claimed), RELEASED);
    }
}
