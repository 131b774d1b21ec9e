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
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The delivery protocol of a run, in one place (docs/design.md "Delivery semantics"): claim, mark as sending, send,
 * settle as the outcome says ({@link Settlement}), or release what is not sent; and, when the run is stopped at once,
 * what is in flight.
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
    private final Set<Entry> pending = ConcurrentHashMap.newKeySet();
    /** Marked as sending: the request is leaving or left, the outcome not settled yet. */
    private final Set<Entry> sending = ConcurrentHashMap.newKeySet();
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

    /**
     * One delivery in the protocol: its claim (none while it waits in the packed outbox) and the enterprise its email
     * is about. Identity is its own, the same before and after its claim, so that whoever holds it (a request, the
     * sets of pending and sending ones) finds it after the claim too.
     */
    static final class Entry {
        /** Set once: at the enterprise's claim, or (packed) by the claim of its request. */
        volatile Claim claim;
        final Enterprise enterprise;
        final Delivery delivery;

        Entry(Claim claim, Enterprise enterprise, Delivery delivery) {
            this.claim = claim;
            this.enterprise = enterprise;
            this.delivery = delivery;
        }

        void claimedBy(Claim claim) {
            this.claim = claim;
        }

        DeliveryKey key() {
            return delivery.key();
        }

        Message.Recipient recipient() {
            return new Message.Recipient(enterprise, delivery.plan(), delivery.admin());
        }
    }

    /** Claims the enterprise's due deliveries and sends them, or puts them in the outbox to leave packed. */
    void deliver(Enterprise enterprise, List<Delivery> due) {
        if (packing == null) {
            deliverAlone(enterprise, due);
            return;
        }
        List<Entry> waiting = due.stream().map(d -> new Entry(null, enterprise, d)).toList();
        pending.addAll(waiting);
        for (List<Entry> r : packing.add(waiting)) send(r, Set.of());
    }

    /** A dry run: counts the requests the deliveries would make, claiming nothing. */
    void plan(Enterprise enterprise, List<Delivery> due) {
        List<Entry> entries = due.stream().map(d -> new Entry(null, enterprise, d)).toList();
        if (packing != null) {
            packing.plan(entries);
            return;
        }
        Requests own = new Requests();
        for (Entry e : entries) own.add(e);
        own.takeAll().forEach(r -> tally.requestPlanned());
    }

    /** Per enterprise: its requests leave now, the first one marked by the claim. */
    private void deliverAlone(Enterprise enterprise, List<Delivery> due) {
        Requests own = new Requests();
        for (Delivery d : due) own.add(new Entry(null, enterprise, d));
        Set<DeliveryKey> sendingNow = own.first().stream().map(Entry::key).collect(Collectors.toSet());
        List<Entry> won = claim(enterprise, due, sendingNow);
        own = new Requests();
        for (Entry e : won) own.add(e);
        for (List<Entry> r : own.takeAll()) send(r, sendingNow);
    }

    private List<Entry> claim(Enterprise enterprise, List<Delivery> due, Set<DeliveryKey> sendingNow) {
        Claim claim = ports.ledger().claim(due, sendingNow, runId);
        List<Entry> won = new ArrayList<>();
        for (Delivery d : due) {
            if (!claim.won().contains(d.key())) {
                tally.delivery(d.key(), Fate.CLAIMED_ELSEWHERE, "another run holds this delivery");
                continue;
            }
            Entry e = new Entry(claim, enterprise, d);
            won.add(e);
            (sendingNow.contains(d.key()) ? sending : pending).add(e);
        }
        return won;
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
    private void send(List<Entry> request, Set<DeliveryKey> markedAtClaim) {
        try (LogContext.Scope logged = LogContext.request(request.stream().map(e -> e.enterprise.uuid()).distinct()
                .toList())) {
            sendRequest(request, markedAtClaim);
        }
    }

    private void sendRequest(List<Entry> request, Set<DeliveryKey> markedAtClaim) {
        List<Entry> unmarked = request.stream().filter(e -> !markedAtClaim.contains(e.key())).toList();
        if (!unmarked.isEmpty() && unmarked.size() == request.size() && this.request.stop().stopRequested()) {
            release(unmarked);
            return;
        }
        List<Entry> going = new ArrayList<>(request.stream().filter(e -> markedAtClaim.contains(e.key())).toList());
        if (!unmarked.isEmpty())
            going.addAll(unmarked.get(0).claim == null ? claimAsSending(unmarked) : mark(unmarked));
        if (going.isEmpty()) return;
        SendOutcome outcome;
        try {
            outcome = ports.messenger().send(new Message(going.get(0).delivery.kind(),
                    going.stream().map(Entry::recipient).toList(), this.request.asOf()));
        } catch (RuntimeException e) {
            // The messenger promises outcomes, not exceptions; if it throws anyway nobody knows what Braze got.
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
    private List<Entry> claimAsSending(List<Entry> request) {
        List<Entry> waiting = taken(request);
        if (waiting.isEmpty()) return List.of();
        List<Delivery> deliveries = waiting.stream().map(e -> e.delivery).toList();
        Claim claim;
        try {
            claim = ports.ledger().claim(deliveries, Set.copyOf(keys(waiting)), runId);
        } catch (StorageException e) {
            return notSent(waiting, "not sent: the ledger could not record its claim (" + e.getMessage()
                    + "); the next run sends it");
        }
        List<Entry> going = new ArrayList<>();
        for (Entry d : waiting) {
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
    private List<Entry> mark(List<Entry> request) {
        List<Entry> unmarked = taken(request);
        if (unmarked.isEmpty()) return List.of();
        Set<DeliveryKey> takenOver;
        try {
            takenOver = ports.ledger().settleAcross(claims(unmarked), keys(unmarked), DeliveryState.SENDING, null);
        } catch (StorageException e) {
            return notSent(unmarked, "not sent: the ledger could not mark it as sending (" + e.getMessage()
                    + "); the next run past the claim lease sends it");
        }
        List<Entry> going = new ArrayList<>();
        for (Entry d : unmarked) {
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
    private List<Entry> notSent(List<Entry> entries, String why) {
        for (Entry d : entries) settlement.problem(d, Fate.FAILED, FailureKind.STORAGE, why);
        log.warn("{} deliveries {}", entries.size(), SafeText.withoutEmails(why));
        return List.of();
    }

    /**
     * The run stops: a request whose send never started goes back to the ledger as certainly not sent (what was
     * never claimed is only reported).
     */
    private void release(List<Entry> request) {
        List<Entry> entries = taken(request);
        try {
            Set<DeliveryKey> kept = releaseClaimed(entries);
            for (Entry d : entries)
                if (!kept.contains(d.key())) settlement.problem(d, Fate.FAILED, FailureKind.STOPPED, RELEASED);
        } catch (StorageException e) {
            for (Entry d : entries)
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

    private void settleOnStop(List<Entry> entries, Function<List<Entry>, Set<DeliveryKey>> move,
                              Fate fate, FailureKind error, String message) {
        if (entries.isEmpty()) return;
        try {
            Set<DeliveryKey> untouched = move.apply(entries);
            for (Entry d : entries)
                if (!untouched.contains(d.key())) settlement.problem(d, fate, error, message); // else a worker did
        } catch (RuntimeException e) {
            log.warn("{} claims of run {} could not be settled on stopping ({}); the next run past the claim lease"
                    + " will", entries.size(), runId, e.getMessage());
        }
    }

    /** One request on one of the outbox's own threads: what it throws costs that request only. */
    void sendOnOutbox(List<Entry> r) {
        try (LogContext.Scope logged = LogContext.run(runId, request.shard())) {
            send(r, Set.of());
        } catch (RuntimeException | Error e) {
            // as on a worker: what was marked stays so (the next run past the claim lease makes it uncertain), and
            // after an Error the run starts nothing new
            String why = "the request failed with " + Run.describe(e) + "; it stays marked as sending, which the"
                    + " next run past the claim lease records as uncertain";
            for (Entry d : r)
                if (sending.remove(d)) settlement.problem(d, Fate.UNCERTAIN, FailureKind.UNEXPECTED, why);
            log.warn("a request of {} to {} admins failed: {}", Settlement.kind(r), r.size(),
                    SafeText.withoutEmails(Run.describe(e)));
            if (e instanceof Error) request.stop().stop("a sender failed with " + Run.describe(e));
        }
    }

    /**
     * The entries this thread takes out of {@link #pending}: each leaves it once, so of a request leaving and a stop
     * releasing at the same time, exactly one handles each entry (for one not claimed yet, there is no ledger row
     * to decide it).
     */
    private List<Entry> taken(List<Entry> entries) {
        List<Entry> mine = new ArrayList<>(entries.size());
        for (Entry e : entries) if (pending.remove(e)) mine.add(e);
        return mine;
    }

    /** Releases the claimed entries with one statement; returns the keys left alone, as the ledger does. */
    private Set<DeliveryKey> releaseClaimed(List<Entry> entries) {
        List<Entry> claimed = entries.stream().filter(e -> e.claim != null).toList();
        return claimed.isEmpty() ? Set.of() : ports.ledger().releaseAcross(claims(claimed), keys(claimed), RELEASED);
    }

    static Set<Claim> claims(List<Entry> entries) {
        Set<Claim> claims = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Entry e : entries) claims.add(e.claim);
        return claims;
    }

    static List<DeliveryKey> keys(List<Entry> entries) {
        return entries.stream().map(Entry::key).toList();
    }
}
