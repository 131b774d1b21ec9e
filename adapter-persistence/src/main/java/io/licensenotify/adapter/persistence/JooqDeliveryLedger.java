package io.licensenotify.adapter.persistence;

import io.licensenotify.domain.Delivery;
import io.licensenotify.domain.DeliveryKey;
import io.licensenotify.domain.DeliveryState;
import io.licensenotify.domain.Recorded;
import io.licensenotify.domain.Shard;
import io.licensenotify.domain.UncertainPolicy;
import io.licensenotify.ports.out.DeliveryLedger;
import io.licensenotify.ports.out.DeliveryRecord;
import io.licensenotify.ports.out.HistoryQuery;
import io.licensenotify.ports.out.OperatorRelease;
import io.licensenotify.ports.out.StaleClaim;
import org.jooq.Field;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import static io.licensenotify.adapter.persistence.generated.Tables.LICENSE_NOTIFY_DELIVERY;

/**
 * The delivery ledger in table {@code license_notify_delivery}, unique on the delivery key; the transitions are
 * {@link DeliveryState}'s. A claim never reads then writes: in one transaction it inserts the keys as pending,
 * ignoring the ones that exist; when some existed, it takes claimable ones back with a conditional update and reads
 * which rows carry its own fresh claim token. Of two runs claiming the same key at the same time the database lets
 * exactly one through. A settle changes only rows that carry the claim's token and are in a state the target may be
 * reached from. Times come from the database's clock. Transient failures (lost connections, lock timeouts,
 * deadlocks) are retried as a whole transaction: nothing of a failed one stays. Thread-safe.
 */
public final class JooqDeliveryLedger implements DeliveryLedger {
    /** Width of {@code last_error}. */
    static final int MAX_ERROR = 1000;


    private final Database database;
    private final Transactions transactions;

    public JooqDeliveryLedger(Database database) {
        this.database = Objects.requireNonNull(database, "database");
        this.transactions = new Transactions(database);
    }

    @Override
    public Recorded recorded(UUID enterprise) {
        Objects.requireNonNull(enterprise, "enterprise");
        var d = LICENSE_NOTIFY_DELIVERY;
        return transactions.single("reading the deliveries of enterprise " + enterprise, dsl -> {
            Map<DeliveryKey, DeliveryState> states = new HashMap<>();
            dsl.select(d.ECU_ID, d.ENTERPRISE_UUID, d.KIND, d.SCOPE, d.PERIOD, d.STATE)
                    .from(d)
                    .where(d.ENTERPRISE_UUID.eq(enterprise.toString()))
                    .forEach(r -> states.put(LedgerKeys.key(r.into(d.ECU_ID, d.ENTERPRISE_UUID, d.KIND, d.SCOPE, d.PERIOD)),
                            DeliveryState.valueOf(r.get(d.STATE))));
            return new Recorded(states);
        });
    }

    @Override
    public void recordArmed(Collection<Delivery> deliveries, String runId) {
        List<Delivery> sorted = sorted(deliveries);
        if (sorted.isEmpty()) return;
        String run = clip(runId, 64);
        transactions.atomic("re-arming " + sorted.size() + " thresholds", dsl -> {
            String token = UUID.randomUUID().toString();
            for (List<Delivery> chunk : Chunks.of(sorted))
                Inserts.ignoringExisting(dsl, chunk, DeliveryState.ARMED, run, token, database.now());
            return null;
        });
    }

    @Override
    public Claim claim(Collection<Delivery> deliveries, String runId) {
        List<Delivery> sorted = sorted(deliveries);
        String run = clip(runId, 64);
        if (sorted.isEmpty()) return new Claim(run, UUID.randomUUID().toString(), Set.of());
        var d = LICENSE_NOTIFY_DELIVERY;
        return transactions.atomic("claiming " + sorted.size() + " deliveries", dsl -> {
            // a fresh token per attempt: a retried transaction must not find rows of the rolled-back one
            String token = UUID.randomUUID().toString();
            Field<LocalDateTime> now = database.now();
            boolean everyKeyInserted = true;
            for (List<Delivery> chunk : Chunks.of(sorted)) {
                // Every key new to the ledger (the usual case): all inserted rows carry our token, so all are won
                // and neither the update nor the select below is needed.
                if (Inserts.ignoringExisting(dsl, chunk, DeliveryState.PENDING, run, token, now) == chunk.size())
                    continue;
                everyKeyInserted = false;
                dsl.update(d)
                        .set(d.STATE, DeliveryState.PENDING.name())
                        .set(d.CLAIM_TOKEN, token)
                        .set(d.RUN_ID, run)
                        .set(d.CLAIMED_AT, now)
                        .setNull(d.SETTLED_AT)
                        .setNull(d.DISPATCH_ID)
                        .set(d.ATTEMPTS, d.ATTEMPTS.plus(1))
                        .where(LedgerKeys.in(chunk.stream().map(Delivery::key).toList()))
                        .and(d.STATE.in(names(DeliveryState.claimable())))
                        .execute();
            }
            Set<DeliveryKey> won = new HashSet<>();
            if (everyKeyInserted) {
                sorted.forEach(delivery -> won.add(delivery.key()));
            } else {
                dsl.select(d.ECU_ID, d.ENTERPRISE_UUID, d.KIND, d.SCOPE, d.PERIOD)
                        .from(d)
                        .where(d.CLAIM_TOKEN.eq(token))
                        .and(d.STATE.eq(DeliveryState.PENDING.name()))
                        .forEach(r -> won.add(LedgerKeys.key(r)));
            }
            return new Claim(run, token, won);
        });
    }

    @Override
    public Set<DeliveryKey> settle(Claim claim, Collection<DeliveryKey> keys, DeliveryState to, String detail) {
        Objects.requireNonNull(to, "to");
        if (to.settlesFrom().isEmpty()) throw new IllegalArgumentException("a claim is never settled as " + to);
        return move(claim, keys, to.settlesFrom(), to, detail);
    }

    @Override
    public Set<DeliveryKey> release(Claim claim, Collection<DeliveryKey> keys, String reason) {
        return move(claim, keys, DeliveryState.releasable(), DeliveryState.FAILED, reason);
    }

    /** Moves keys of the claim in one of {@code from} to {@code to}; returns the keys it could not move. */
    private Set<DeliveryKey> move(Claim claim, Collection<DeliveryKey> keys, Set<DeliveryState> from,
                                  DeliveryState to, String detail) {
        Objects.requireNonNull(claim, "claim");
        List<DeliveryKey> sorted = keys.stream().distinct().sorted(LedgerKeys.ORDER).toList();
        if (sorted.isEmpty()) return Set.of();
        var d = LICENSE_NOTIFY_DELIVERY;
        return transactions.atomic("settling " + sorted.size() + " deliveries as " + to, dsl -> {
            int changed = 0;
            for (List<DeliveryKey> chunk : Chunks.of(sorted)) {
                var update = dsl.update(d).set(d.STATE, to.name());
                if (!to.isClaim()) update = update.set(d.SETTLED_AT, database.now());
                if (to == DeliveryState.SENT) update = update.set(d.DISPATCH_ID, clip(detail, 128));
                else if (detail != null && !detail.isEmpty()) update = update.set(d.LAST_ERROR, clip(detail, MAX_ERROR));
                changed += update.where(LedgerKeys.in(chunk))
                        .and(d.CLAIM_TOKEN.eq(claim.token()))
                        .and(d.STATE.in(names(from)))
                        .execute();
            }
            if (changed == sorted.size()) return Set.<DeliveryKey>of();
            // rare: some rows are no longer this claim's, or not in a state to move from; name them
            Set<DeliveryKey> lost = new HashSet<>(sorted);
            for (List<DeliveryKey> chunk : Chunks.of(sorted))
                dsl.select(d.ECU_ID, d.ENTERPRISE_UUID, d.KIND, d.SCOPE, d.PERIOD).from(d)
                        .where(LedgerKeys.in(chunk)).and(d.CLAIM_TOKEN.eq(claim.token())).and(d.STATE.eq(to.name()))
                        .forEach(r -> lost.remove(LedgerKeys.key(r)));
            return lost;
        });
    }

    @Override
    public void recordSuperseded(Collection<Delivery> deliveries, String runId) {
        List<Delivery> sorted = sorted(deliveries);
        if (sorted.isEmpty()) return;
        String run = clip(runId, 64);
        var d = LICENSE_NOTIFY_DELIVERY;
        transactions.atomic("recording " + sorted.size() + " superseded deliveries", dsl -> {
            String token = UUID.randomUUID().toString();
            Field<LocalDateTime> now = database.now();
            for (List<Delivery> chunk : Chunks.of(sorted)) {
                if (Inserts.ignoringExisting(dsl, chunk, DeliveryState.SUPERSEDED, run, token, now) == chunk.size())
                    continue; // no key existed, so none was claimable
                dsl.update(d)
                        .set(d.STATE, DeliveryState.SUPERSEDED.name())
                        .set(d.CLAIM_TOKEN, token)
                        .set(d.RUN_ID, run)
                        .set(d.SETTLED_AT, now)
                        .where(LedgerKeys.in(chunk.stream().map(Delivery::key).toList()))
                        .and(d.STATE.in(names(DeliveryState.supersedable())))
                        .execute();
            }
            return null;
        });
    }

    @Override
    public List<StaleClaim> sweepStaleClaims(Duration lease, UncertainPolicy policy, Shard shard) {
        Objects.requireNonNull(lease, "lease");
        Objects.requireNonNull(shard, "shard");
        Objects.requireNonNull(policy, "policy");
        var d = LICENSE_NOTIFY_DELIVERY;
        return transactions.atomic("sweeping claims older than " + lease, dsl -> {
            // the sweep marks what it changed with its own token: a concurrent sweep changes each row at most once,
            // and the run that made the claim can no longer settle it
            String token = UUID.randomUUID().toString();
            LocalDateTime now = dsl.select(database.now()).fetchOne().value1();
            LocalDateTime before = now.minus(lease);
            for (DeliveryState was : List.of(DeliveryState.PENDING, DeliveryState.SENDING)) {
                DeliveryState becomes = was.whenStale(policy);
                dsl.update(d)
                        .set(d.STATE, becomes.name())
                        .set(d.CLAIM_TOKEN, token)
                        .set(d.SETTLED_AT, now)
                        // the state it had is kept here, for history and for the report below
                        .set(d.LAST_ERROR, staleReason(was, becomes))
                        .where(d.STATE.eq(was.name()))
                        .and(d.CLAIMED_AT.lt(before))
                        .and(ShardSql.holds(d.ENTERPRISE_UUID, shard))
                        .execute();
            }
            return dsl.select(d.ECU_ID, d.ENTERPRISE_UUID, d.KIND, d.SCOPE, d.PERIOD, d.RUN_ID, d.CLAIMED_AT,
                            d.STATE, d.LAST_ERROR)
                    .from(d)
                    .where(d.CLAIM_TOKEN.eq(token))
                    .orderBy(d.CLAIMED_AT, d.ECU_ID)
                    .fetch(r -> new StaleClaim(LedgerKeys.key(r.into(d.ECU_ID, d.ENTERPRISE_UUID, d.KIND, d.SCOPE, d.PERIOD)),
                            r.get(d.RUN_ID), r.get(d.CLAIMED_AT).toInstant(ZoneOffset.UTC),
                            r.get(d.LAST_ERROR).startsWith(STALE_SENDING) ? DeliveryState.SENDING : DeliveryState.PENDING,
                            DeliveryState.valueOf(r.get(d.STATE))));
        });
    }

    @Override
    public List<DeliveryRecord> releaseByOperator(OperatorRelease release, boolean dryRun) {
        Objects.requireNonNull(release, "release");
        return transactions.atomic((dryRun ? "listing" : "releasing") + " deliveries for an operator",
                dsl -> OperatorReleases.release(database, dsl, release, dryRun));
    }

    private static final String STALE_SENDING = "claim older than the lease, marked as sending: ";
    private static final String STALE_PENDING = "claim older than the lease, never sent: ";

    private static String staleReason(DeliveryState was, DeliveryState becomes) {
        if (was == DeliveryState.PENDING) return STALE_PENDING + "released to be sent again";
        return STALE_SENDING + (becomes == DeliveryState.UNCERTAIN
                ? "its run died mid-send, whether it was sent is unknown"
                : "its run died mid-send, released to be sent again (uncertain policy resend)");
    }

    private static List<String> names(Set<DeliveryState> states) {
        return states.stream().map(Enum::name).sorted().toList();
    }

    /** One delivery per key (the first wins), in lock order. */
    private static List<Delivery> sorted(Collection<Delivery> deliveries) {
        Map<DeliveryKey, Delivery> byKey = new LinkedHashMap<>();
        for (Delivery delivery : deliveries) byKey.putIfAbsent(delivery.key(), delivery);
        return byKey.values().stream().sorted(Comparator.comparing(Delivery::key, LedgerKeys.ORDER)).toList();
    }

    static String clip(String text, int max) {
        if (text == null) return "";
        return text.length() <= max ? text : text.substring(0, max);
    }
}
