package io.licensenotify.ports.testing;

import io.licensenotify.domain.Delivery;
import io.licensenotify.domain.DeliveryKey;
import io.licensenotify.ports.out.DeliveryHistory;
import io.licensenotify.ports.out.DeliveryLedger;
import io.licensenotify.ports.out.DeliveryRecord;
import io.licensenotify.ports.out.DeliveryState;
import io.licensenotify.ports.out.HistoryQuery;
import io.licensenotify.ports.out.StaleClaim;
import io.licensenotify.ports.out.UncertainPolicy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The ledger in memory, with the same semantics as the database one (its contract test runs on both). One lock
 * makes each call atomic, as the unique key does in a database.
 */
public final class InMemoryDeliveryLedger implements DeliveryLedger, DeliveryHistory {
    private final Map<DeliveryKey, DeliveryRecord> rows = new LinkedHashMap<>();

    @Override
    public synchronized Set<DeliveryKey> recorded(UUID enterprise) {
        Set<DeliveryKey> out = new HashSet<>();
        rows.forEach((k, r) -> {
            if (k.enterprise().equals(enterprise) && r.state() != DeliveryState.FAILED) out.add(k);
        });
        return out;
    }

    @Override
    public synchronized Set<DeliveryKey> claim(Collection<Delivery> deliveries, String runId, Instant at) {
        Set<DeliveryKey> won = new HashSet<>();
        for (Delivery d : deliveries) {
            DeliveryRecord existing = rows.get(d.key());
            if (existing == null) {
                rows.put(d.key(), new DeliveryRecord(d.key(), DeliveryState.PENDING, d.lmsUserId(),
                        Optional.of(d.plan().uuid()), at, Optional.empty(), runId, Optional.empty(), 1, Optional.empty()));
                won.add(d.key());
            } else if (existing.state() == DeliveryState.FAILED) {
                rows.put(d.key(), new DeliveryRecord(d.key(), DeliveryState.PENDING, d.lmsUserId(),
                        Optional.of(d.plan().uuid()), at, Optional.empty(), runId, Optional.empty(),
                        existing.attempts() + 1, existing.lastError()));
                won.add(d.key());
            }
        }
        return won;
    }

    @Override
    public synchronized void markSent(Collection<DeliveryKey> keys, String dispatchId, Instant at) {
        settle(keys, DeliveryState.SENT, Optional.of(dispatchId), Optional.empty(), at);
    }

    @Override
    public synchronized void markFailed(Collection<DeliveryKey> keys, String error, Instant at) {
        settle(keys, DeliveryState.FAILED, Optional.empty(), Optional.of(error), at);
    }

    @Override
    public synchronized void markUncertain(Collection<DeliveryKey> keys, String reason, Instant at) {
        settle(keys, DeliveryState.UNCERTAIN, Optional.empty(), Optional.of(reason), at);
    }

    private void settle(Collection<DeliveryKey> keys, DeliveryState state, Optional<String> dispatchId,
                        Optional<String> error, Instant at) {
        for (DeliveryKey k : keys) {
            DeliveryRecord r = rows.get(k);
            if (r == null || r.state() != DeliveryState.PENDING) continue;
            rows.put(k, new DeliveryRecord(k, state, r.lmsUserId(), r.plan(), r.claimedAt(), Optional.of(at), r.runId(),
                    dispatchId, r.attempts(), error.isPresent() ? error : r.lastError()));
        }
    }

    @Override
    public synchronized void recordSuperseded(Collection<Delivery> deliveries, String runId, Instant at) {
        for (Delivery d : deliveries) {
            DeliveryRecord r = rows.get(d.key());
            if (r == null || r.state() == DeliveryState.FAILED)
                rows.put(d.key(), new DeliveryRecord(d.key(), DeliveryState.SUPERSEDED, d.lmsUserId(),
                        Optional.of(d.plan().uuid()), at, Optional.of(at), runId, Optional.empty(),
                        r == null ? 0 : r.attempts(), r == null ? Optional.empty() : r.lastError()));
        }
    }

    @Override
    public synchronized List<StaleClaim> sweepStaleClaims(Instant claimedBefore, UncertainPolicy policy, Instant at) {
        List<StaleClaim> out = new ArrayList<>();
        for (DeliveryRecord r : List.copyOf(rows.values())) {
            if (r.state() == DeliveryState.PENDING && r.claimedAt().isBefore(claimedBefore)) {
                DeliveryState to = policy == UncertainPolicy.SKIP ? DeliveryState.UNCERTAIN : DeliveryState.FAILED;
                rows.put(r.key(), new DeliveryRecord(r.key(), to, r.lmsUserId(), r.plan(), r.claimedAt(),
                        Optional.of(at), r.runId(), Optional.empty(), r.attempts(),
                        Optional.of("claim of run " + r.runId() + " was never settled")));
                out.add(new StaleClaim(r.key(), r.runId(), r.claimedAt()));
            }
        }
        return out;
    }

    @Override
    public synchronized List<DeliveryRecord> find(HistoryQuery q) {
        return rows.values().stream()
                .filter(r -> q.enterprise().map(e -> e.equals(r.key().enterprise())).orElse(true))
                .filter(r -> q.ecuId().map(id -> id == r.key().ecuId()).orElse(true))
                .filter(r -> q.kind().map(k -> k.equals(r.key().kind())).orElse(true))
                .filter(r -> q.state().map(s -> s == r.state()).orElse(true))
                .sorted(Comparator.comparing(DeliveryRecord::claimedAt).reversed())
                .skip(q.offset()).limit(q.limit())
                .toList();
    }

    /** Every row, for assertions. */
    public synchronized List<DeliveryRecord> all() {
        return List.copyOf(rows.values());
    }

    public synchronized long count(DeliveryState state) {
        return rows.values().stream().filter(r -> r.state() == state).count();
    }
}
