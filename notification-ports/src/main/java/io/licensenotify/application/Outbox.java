package io.licensenotify.application;

import io.licensenotify.application.RunSettings.Batching;
import io.licensenotify.domain.Delivery;
import io.licensenotify.domain.DeliveryKey;
import io.licensenotify.domain.DeliveryState;
import io.licensenotify.domain.Enterprise;
import io.licensenotify.ports.failure.Failure;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * The delivery protocol of a run, in one place (docs/design.md "Delivery semantics"): claim, mark as sending, send,
 * settle as the outcome says, or release what is not sent; and, when the run is stopped at once, what is in flight.
 *
 * <p>Packed ({@link Batching#PACKED}, the default), the deliveries an enterprise wins wait in the outbox, per kind,
 * and leave in requests of up to {@link Message#MAX_RECIPIENTS} recipients of any enterprises, never the same LMS
 * user twice: a request leaves when it is full, when it has waited {@link RunSettings#packLinger()} (so a slow
 * enterprise never holds others' emails back), or when the run has no enterprise left that could add to it. Per
 * enterprise ({@link Batching#ENTERPRISE}), each enterprise's requests leave at once, its first one marked as sending
 * by the claim itself. Either way a claim, a mark and a settle are one statement each, whatever claims the keys of a
 * request came in.
 *
 * <p>A stop lets what is marked finish and releases the rest (certainly not sent; the next run sends it). An abort
 * ({@link #abandon}) does not wait: pending claims are released, sending ones become uncertain, unless a worker got
 * there first (the ledger refuses a second settle).
 */
final class Outbox implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Outbox.class);
    static final String RELEASED = "released unsent: the run was stopped before its request; the next run sends it";
    private static final String ABANDONED = "the run was stopped at once while its request was in flight: whether"
            + " it was sent is unknown";

    private final SendNotificationsService.Ports ports;
    private final Request request;
    private final RunSettings settings;
    private final String runId;
    private final Tally tally;

    /** Claimed and not marked as sending: waiting in the outbox, or for their enterprise's request. */
    private final Set<Entry> pending = ConcurrentHashMap.newKeySet();
    /** Marked as sending: the request is leaving or left, the outcome not settled yet. */
    private final Set<Entry> sending = ConcurrentHashMap.newKeySet();
    /** Packed: the requests forming; guarded by itself. */
    private final Requests forming = new Requests();
    /** Packed: the threads that send requests which leave by lingering or at the end; none in a dry run. */
    private final ScheduledThreadPoolExecutor senders;

    Outbox(SendNotificationsService.Ports ports, Request request, RunSettings settings, String runId, Tally tally) {
        this.ports = ports;
        this.request = request;
        this.settings = settings;
        this.runId = runId;
        this.tally = tally;
        this.senders = settings.batching() == Batching.PACKED && !request.dryRun() ? senders() : null;
    }

    /** One delivery in the protocol: its claim and the enterprise its email is about. Identity is its own. */
    static final class Entry {
        final Claim claim;
        final Enterprise enterprise;
        final Delivery delivery;

        Entry(Claim claim, Enterprise enterprise, Delivery delivery) {
            this.claim = claim;
            this.enterprise = enterprise;
            this.delivery = delivery;
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
        if (settings.batching() == Batching.ENTERPRISE) {
            deliverAlone(enterprise, due);
            return;
        }
        List<Entry> won = claim(enterprise, due, Set.of());
        List<List<Entry>> leaving;
        synchronized (forming) {
            for (Entry e : won) forming.add(e);
            leaving = forming.takeFull();
            leaving.addAll(forming.takeOlderThan(settings.packLinger().toNanos()));
        }
        for (List<Entry> r : leaving) send(r, Set.of());
    }

    /** A dry run: counts the requests the deliveries would make, claiming nothing. */
    void plan(Enterprise enterprise, List<Delivery> due) {
        Requests requests = settings.batching() == Batching.ENTERPRISE ? new Requests() : forming;
        synchronized (requests) {
            for (Delivery d : due) requests.add(new Entry(null, enterprise, d));
            requests.takeFull().forEach(r -> tally.requestPlanned());
            if (requests != forming) requests.takeAll().forEach(r -> tally.requestPlanned());
        }
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

    /**
     * The run has no enterprise left that could add to a request: what is forming leaves (or, after a stop, is
     * released). In a dry run, counts the requests that would have left.
     */
    void flush() {
        List<List<Entry>> left;
        synchronized (forming) {
            left = forming.takeAll();
        }
        if (senders == null) {
            if (request.dryRun()) left.forEach(r -> tally.requestPlanned());
            return;
        }
        // on the outbox's threads, so that an abort does not wait for a request that hangs
        for (List<Entry> r : left) senders.execute(() -> sendOnOutbox(r));
        senders.shutdown();
        try {
            while (!request.stop().abortRequested() && !senders.awaitTermination(100, TimeUnit.MILLISECONDS)) {
                // a request leaving finishes first, unless the run is aborted
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (senders != null) senders.shutdown();
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
        if (!unmarked.isEmpty()) going.addAll(mark(unmarked));
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
            settle(going, outcome);
        } finally {
            going.forEach(sending::remove);
        }
    }

    /**
     * Marks the entries as sending with one statement; returns those to send. One another run took over is reported;
     * when the ledger cannot mark them, none is sent (they stay pending, which the next run past the lease knows
     * were never sent).
     */
    private List<Entry> mark(List<Entry> unmarked) {
        Set<DeliveryKey> takenOver;
        try {
            takenOver = ports.ledger().settleAcross(claims(unmarked), keys(unmarked), DeliveryState.SENDING, null);
        } catch (StorageException e) {
            String why = "not sent: the ledger could not mark it as sending (" + e.getMessage()
                    + "); the next run past the claim lease sends it";
            for (Entry d : unmarked) problem(d, Fate.FAILED, FailureKind.STORAGE, why);
            unmarked.forEach(pending::remove);
            log.warn("{} deliveries {}", unmarked.size(), SafeText.withoutEmails(why));
            return List.of();
        }
        List<Entry> going = new ArrayList<>();
        for (Entry d : unmarked) {
            if (takenOver.contains(d.key())) {
                tally.delivery(d.key(), Fate.CLAIMED_ELSEWHERE, "another run took this claim over");
            } else {
                sending.add(d);
                going.add(d);
            }
            pending.remove(d);
        }
        return going;
    }

    /**
     * Settles each recipient as the outcome says for it: a success that lists an error naming a recipient makes that
     * one uncertain (docs/operating.md "What SENT means"); recipients with the same outcome share one statement.
     */
    private void settle(List<Entry> going, SendOutcome outcome) {
        Map<SendOutcome, List<Entry>> byOutcome = new LinkedHashMap<>();
        for (Entry e : going)
            byOutcome.computeIfAbsent(outcome.forRecipient(e.delivery.admin().ecuId(), e.delivery.lmsUserId()),
                    o -> new ArrayList<>()).add(e);
        if (!outcome.errors().isEmpty() && byOutcome.size() == 1 && byOutcome.containsKey(outcome))
            log.warn("Braze accepted {} to {} admins and listed errors naming none of them: {}", kind(going),
                    going.size(), SafeText.withoutEmails(String.join("; ", outcome.errors())));
        List<Entry> accepted = byOutcome.getOrDefault(outcome, List.of());
        if (outcome instanceof SendOutcome.Sent sent && !accepted.isEmpty()) {
            tally.messageAccepted(sent.dispatchIdKnown(), accepted.size());
            if (sent.queued()) {
                tally.queued(going.get(0).delivery.kind(), accepted.size());
                log.warn("Braze queued {} to {} admins (it is in maintenance and sends them later)", kind(going),
                        accepted.size());
            }
        }
        byOutcome.forEach(this::settleAll);
    }

    private void settleAll(SendOutcome outcome, List<Entry> entries) {
        Set<DeliveryKey> lost;
        try {
            lost = ports.ledger().settleAcross(claims(entries), keys(entries), outcome.state(), outcome.ledgerDetail());
        } catch (StorageException e) {
            count(entries, outcome);
            String why = outcome.describe() + ", but the ledger could not record it (" + e.getMessage()
                    + "): it stays marked as sending, which the next run past the claim lease records as uncertain";
            for (Entry d : entries) {
                tally.keepName(d.enterprise);
                tally.problem(Failure.of(d.key(), FailureKind.STORAGE, why));
            }
            log.warn("{} deliveries {}", entries.size(), SafeText.withoutEmails(why));
            return;
        }
        count(entries, outcome);
        for (Entry d : entries)
            if (lost.contains(d.key())) {
                tally.keepName(d.enterprise);
                tally.problem(Failure.of(d.key(), FailureKind.TAKEN_OVER, outcome.describe() + ", but another run"
                        + " took the claim over meanwhile (it was older than notify.claim-lease); that run's record"
                        + " stands"));
            }
    }

    private void count(List<Entry> entries, SendOutcome outcome) {
        Fate fate = Fate.settled(outcome.state());
        for (Entry d : entries) {
            if (outcome.failureKind().isEmpty()) tally.delivery(d.key(), fate, outcome.detail());
            else problem(d, fate, outcome.failureKind().get(), outcome.detail());
        }
        if (outcome.failureKind().isEmpty()) {
            // one line per request would be thousands of lines a day: INFO keeps the start, progress, end
            if (log.isDebugEnabled()) log.debug("sent {} to {} admins of {} enterprises ({})", kind(entries), entries.size(),
                    enterprises(entries), outcome.describe());
        } else
            log.warn("{} to {} admins of {} enterprises ({}): {}", kind(entries), entries.size(),
                    enterprises(entries), enterprisesNamed(entries), SafeText.withoutEmails(outcome.describe()));
    }

    private void problem(Entry d, Fate fate, FailureKind kind, String detail) {
        tally.keepName(d.enterprise);
        tally.delivery(d.key(), fate, kind, detail);
    }

    /** The run stops: a request whose send never started goes back to the ledger as certainly not sent. */
    private void release(List<Entry> entries) {
        try {
            Set<DeliveryKey> kept = ports.ledger().releaseAcross(claims(entries), keys(entries), RELEASED);
            for (Entry d : entries) if (!kept.contains(d.key())) problem(d, Fate.FAILED, FailureKind.STOPPED, RELEASED);
        } catch (StorageException e) {
            for (Entry d : entries)
                problem(d, Fate.FAILED, FailureKind.STOPPED, "not sent: the run was stopped before its request, and"
                        + " the claim could not be released (" + e.getMessage() + "); the next run past the claim"
                        + " lease releases and sends it");
        } finally {
            entries.forEach(pending::remove);
        }
    }

    /**
     * The run is stopped at once and no longer waits for its workers: what is claimed and not marked is released,
     * what is marked becomes uncertain, each with one statement.
     */
    void abandon() {
        close();
        settleOnStop(List.copyOf(pending), entries -> ports.ledger().releaseAcross(claims(entries), keys(entries),
                RELEASED), Fate.FAILED, FailureKind.STOPPED, RELEASED);
        settleOnStop(List.copyOf(sending), entries -> ports.ledger().settleAcross(claims(entries), keys(entries),
                DeliveryState.UNCERTAIN, ABANDONED), Fate.UNCERTAIN, FailureKind.OUTCOME_UNKNOWN, ABANDONED);
    }

    private void settleOnStop(List<Entry> entries, java.util.function.Function<List<Entry>, Set<DeliveryKey>> move,
                              Fate fate, FailureKind error, String message) {
        if (entries.isEmpty()) return;
        try {
            Set<DeliveryKey> untouched = move.apply(entries);
            for (Entry d : entries)
                if (!untouched.contains(d.key())) problem(d, fate, error, message); // else its worker settled it
        } catch (RuntimeException e) {
            log.warn("{} claims of run {} could not be settled on stopping ({}); the next run past the claim lease"
                    + " will", entries.size(), runId, e.getMessage());
        }
    }

    private ScheduledThreadPoolExecutor senders() {
        AtomicInteger n = new AtomicInteger();
        ScheduledThreadPoolExecutor threads = new ScheduledThreadPoolExecutor(settings.concurrency(), r -> {
            Thread t = new Thread(r, "license-notify-outbox-" + n.incrementAndGet());
            t.setDaemon(true); // an aborted run does not wait for a request that hangs
            return t;
        });
        if (settings.packLinger().isZero()) return threads; // every request leaves with the enterprise that began it
        long every = Math.max(10, settings.packLinger().toMillis() / 4);
        threads.scheduleWithFixedDelay(() -> {
            List<List<Entry>> due;
            synchronized (forming) {
                due = forming.takeOlderThan(settings.packLinger().toNanos());
            }
            for (List<Entry> r : due) {
                try {
                    threads.execute(() -> sendOnOutbox(r));
                } catch (java.util.concurrent.RejectedExecutionException shutDown) {
                    sendOnOutbox(r); // the run is ending: this tick sends what it took
                }
            }
        }, every, every, TimeUnit.MILLISECONDS);
        return threads;
    }

    private void sendOnOutbox(List<Entry> r) {
        try (LogContext.Scope logged = LogContext.run(runId, request.shard())) {
            send(r, Set.of());
        } catch (RuntimeException | Error e) {
            // as on a worker: what was marked stays so (the next run past the claim lease makes it uncertain), and
            // after an Error the run starts nothing new
            String why = "the request failed with " + Run.describe(e) + "; it stays marked as sending, which the"
                    + " next run past the claim lease records as uncertain";
            for (Entry d : r) if (sending.remove(d)) problem(d, Fate.UNCERTAIN, FailureKind.UNEXPECTED, why);
            log.warn("a request of {} to {} admins failed: {}", kind(r), r.size(), SafeText.withoutEmails(Run.describe(e)));
            if (e instanceof Error) request.stop().stop("a sender failed with " + Run.describe(e));
        }
    }

    private static Set<Claim> claims(List<Entry> entries) {
        Set<Claim> claims = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (Entry e : entries) claims.add(e.claim);
        return claims;
    }

    private static List<DeliveryKey> keys(List<Entry> entries) {
        return entries.stream().map(Entry::key).toList();
    }

    private static String kind(List<Entry> entries) {
        return entries.get(0).delivery.kind().code();
    }

    private static long enterprises(List<Entry> entries) {
        return entries.stream().map(e -> e.enterprise.uuid()).distinct().count();
    }

    private static String enterprisesNamed(List<Entry> entries) {
        List<String> uuids = entries.stream().map(e -> e.enterprise.uuid().toString()).distinct().toList();
        return uuids.size() <= 3 ? String.join(", ", uuids) : String.join(", ", uuids.subList(0, 3)) + ", ...";
    }
}
