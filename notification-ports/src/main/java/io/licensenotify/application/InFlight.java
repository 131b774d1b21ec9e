package io.licensenotify.application;

import io.licensenotify.domain.Delivery;
import io.licensenotify.domain.DeliveryKey;
import io.licensenotify.domain.DeliveryState;
import io.licensenotify.ports.in.RunObserver.Fate;
import io.licensenotify.ports.out.FailureKind;
import io.licensenotify.ports.out.DeliveryLedger;
import io.licensenotify.ports.out.DeliveryLedger.Claim;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The claims of a run not settled yet: pending ones (won, request not started) and sending ones (marked, request
 * leaving or left). When a run is aborted it stops waiting for its workers and settles them on the spot: pending
 * claims are released (certainly not sent), sending ones become uncertain, unless a worker got there first (the
 * ledger refuses a second settle).
 */
final class InFlight {
    private static final Logger log = LoggerFactory.getLogger(InFlight.class);
    private static final String UNCERTAIN = "the run was stopped at once while its request was in flight: whether"
            + " it was sent is unknown";
    private static final String RELEASED = "released unsent: the run was stopped before its request; the next run"
            + " sends it";

    private final Map<Claim, Set<Delivery>> pending = new ConcurrentHashMap<>();
    private final Map<Claim, Set<Delivery>> sending = new ConcurrentHashMap<>();

    void claimed(Claim claim, List<Delivery> won) {
        pending.computeIfAbsent(claim, c -> ConcurrentHashMap.newKeySet()).addAll(won);
    }

    void sending(Claim claim, List<Delivery> batch) {
        remove(pending, claim, batch);
        sending.computeIfAbsent(claim, c -> ConcurrentHashMap.newKeySet()).addAll(batch);
    }

    /** The batch is settled, released or given up: no longer this tracker's business. */
    void done(Claim claim, List<Delivery> batch) {
        remove(pending, claim, batch);
        remove(sending, claim, batch);
    }

    private static void remove(Map<Claim, Set<Delivery>> map, Claim claim, List<Delivery> batch) {
        Set<Delivery> set = map.get(claim);
        if (set == null) return;
        batch.forEach(set::remove);
        if (set.isEmpty()) map.remove(claim, set);
    }

    void abandon(DeliveryLedger ledger, Tally tally) {
        pending.forEach((claim, deliveries) -> settle(claim, deliveries, tally, () -> ledger.release(claim,
                keys(deliveries), RELEASED), Fate.FAILED, FailureKind.STOPPED, RELEASED));
        sending.forEach((claim, deliveries) -> settle(claim, deliveries, tally, () -> ledger.settle(claim,
                keys(deliveries), DeliveryState.UNCERTAIN, UNCERTAIN), Fate.UNCERTAIN, FailureKind.OUTCOME_UNKNOWN,
                UNCERTAIN));
    }

    private static void settle(Claim claim, Set<Delivery> deliveries, Tally tally,
                               Supplier<Set<DeliveryKey>> move, Fate fate, FailureKind error, String message) {
        List<Delivery> copy = new ArrayList<>(new LinkedHashSet<>(deliveries));
        if (copy.isEmpty()) return;
        try {
            Set<DeliveryKey> untouched = move.get();
            for (Delivery d : copy) {
                if (!untouched.contains(d.key())) tally.delivery(d.key(), fate, error, message);
                // else its worker settled it after all
            }
        } catch (RuntimeException e) {
            log.warn("{} claims of run {} could not be settled on stopping ({}); the next run past the claim lease"
                    + " will", copy.size(), claim.runId(), e.getMessage());
        }
    }

    private static List<DeliveryKey> keys(Set<Delivery> deliveries) {
        return deliveries.stream().map(Delivery::key).toList();
    }
}
