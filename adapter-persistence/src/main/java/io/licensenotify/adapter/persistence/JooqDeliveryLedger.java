package io.licensenotify.adapter.persistence;

import io.licensenotify.domain.Delivery;
import io.licensenotify.domain.DeliveryKey;
import io.licensenotify.domain.DeliveryState;
import io.licensenotify.domain.Recorded;
import io.licensenotify.domain.Shard;
import io.licensenotify.domain.UncertainPolicy;
import io.licensenotify.ports.out.DeliveryLedger;
import io.licensenotify.ports.out.DeliveryRecord;
import io.licensenotify.ports.out.OperatorRelease;
import io.licensenotify.ports.out.StaleClaim;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
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
import java.util.function.Function;

import static io.licensenotify.adapter.persistence.generated.Tables.LICENSE_NOTIFY_DELIVERY;

/**
 * The delivery ledger in table {@code license_notify_delivery}, unique on the delivery key; the transitions are
 * {@link DeliveryState}'s. A claim never reads then writes: it inserts the keys as pending (or as sending, for the
 * batch whose request leaves at once), ignoring the ones that exist, with one statement when all are new (the usual
 * case; atomic by itself); when some existed, in one transaction it takes claimable ones back with a conditional
 * update and reads which rows carry its claim token. Of two runs claiming the same key at the same time the
 * database lets exactly one through. A settle ({@link Moves}) changes only rows that carry the claim's token and are
 * in a state the target may be reached from; the sweep of stale claims is {@link StaleClaims}. The hot statements'
 * SQL is rendered once per shape ({@link Rendered}). Times come from the database's clock. Transient failures (lost
 * connections, lock timeouts, deadlocks) are retried as a whole statement or transaction: nothing of a failed one
 * stays. Thread-safe.
 */
public final class JooqDeliveryLedger implements DeliveryLedger {
    /** Width of {@code last_error}. */
    static final int MAX_ERROR = 1000;

    private final Database database;
    private final Transactions transactions;
    private final Rendered rendered;
    private final Moves moves;
    private final StaleClaims staleClaims;

    public JooqDeliveryLedger(Database database) {
        this.database = Objects.requireNonNull(database, "database");
        this.transactions = new Transactions(database);
        this.rendered = new Rendered(database);
        this.moves = new Moves(database, transactions, rendered);
        this.staleClaims = new StaleClaims(database, transactions);
    }

    /** Statement shapes whose SQL is rendered once and reused (for tests). */
    int renderedShapes() {
        return rendered.size();
    }

    @Override
    public Recorded recorded(UUID enterprise) {
        Objects.requireNonNull(enterprise, "enterprise");
        return recorded(List.of(enterprise)).get(enterprise);
    }

    @Override
    public Map<UUID, Recorded> recorded(Collection<UUID> enterprises) {
        List<String> uuids = enterprises.stream().map(UUID::toString).distinct().sorted().toList();
        if (uuids.isEmpty()) return Map.of();
        var d = LICENSE_NOTIFY_DELIVERY;
        String what = uuids.size() == 1 ? "reading the deliveries of enterprise " + uuids.get(0)
                : "reading the deliveries of " + uuids.size() + " enterprises";
        return transactions.single(what, dsl -> {
            Map<UUID, Map<DeliveryKey, DeliveryState>> states = new HashMap<>();
            Field<?>[] columns = {d.ECU_ID, d.ENTERPRISE_UUID, d.KIND, d.SCOPE, d.PERIOD, d.STATE};
            for (List<String> chunk : Chunks.of(uuids))
                rendered.forEach(dsl, new WindowShape(chunk.size()), List.<Object>copyOf(chunk), () -> dsl.select(columns)
                        .from(d)
                        .where(chunk.size() == 1 ? d.ENTERPRISE_UUID.eq(chunk.get(0)) : d.ENTERPRISE_UUID.in(chunk)),
                        columns, r -> {
                            DeliveryKey key = LedgerKeys.key(r.into(d.ECU_ID, d.ENTERPRISE_UUID, d.KIND, d.SCOPE, d.PERIOD));
                            states.computeIfAbsent(key.enterprise(), e -> new HashMap<>())
                                    .put(key, DeliveryState.valueOf(r.get(d.STATE)));
                        });
            Map<UUID, Recorded> out = new HashMap<>();
            for (UUID enterprise : enterprises) {
                Map<DeliveryKey, DeliveryState> held = states.get(enterprise);
                out.put(enterprise, held == null ? Recorded.NOTHING : new Recorded(held));
            }
            return out;
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
                Inserts.ignoringExisting(dsl, rendered, chunk, k -> DeliveryState.ARMED, run, token, database.now());
            return null;
        });
    }

    @Override
    public Claim claim(Collection<Delivery> deliveries, Set<DeliveryKey> sendingNow, String runId) {
        return claim(deliveries, List.of(), sendingNow, runId);
    }

    @Override
    public Claim claim(Collection<Delivery> deliveries, Collection<Delivery> superseded, Set<DeliveryKey> sendingNow,
                       String runId) {
        Objects.requireNonNull(sendingNow, "sendingNow");
        List<Delivery> claimed = sorted(deliveries);
        Set<DeliveryKey> claimedKeys = keys(claimed);
        List<Delivery> lower = superseded.stream().filter(d -> !claimedKeys.contains(d.key())).toList();
        Set<DeliveryKey> lowerKeys = keys(lower);
        String run = clip(runId, 64);
        if (claimed.isEmpty()) {
            recordSuperseded(lower, runId);
            return new Claim(run, UUID.randomUUID().toString(), Set.of());
        }
        List<Delivery> sorted = lower.isEmpty() ? claimed : sorted(concat(claimed, lower));
        Function<DeliveryKey, DeliveryState> states = k -> lowerKeys.contains(k) ? DeliveryState.SUPERSEDED
                : sendingNow.contains(k) ? DeliveryState.SENDING : DeliveryState.PENDING;
        // a fresh token per claim; a retry of the one-statement claim below keeps it, so that rows its lost
        // acknowledgement hid are found as this claim's by the slower path
        String token = UUID.randomUUID().toString();
        Field<LocalDateTime> now = database.now();
        if (sorted.size() <= Chunks.SIZE) {
            // Every key new to the ledger (the usual case): one insert, atomic by itself, wins them all, with no
            // transaction around it (on MariaDB that would be three more round trips).
            int inserted = transactions.single("claiming " + claimed.size() + " deliveries",
                    dsl -> Inserts.ignoringExisting(dsl, rendered, sorted, states, run, token, now));
            if (inserted == sorted.size()) return new Claim(run, token, claimedKeys);
        }
        var d = LICENSE_NOTIFY_DELIVERY;
        return transactions.atomic("claiming " + claimed.size() + " deliveries", dsl -> {
            for (List<Delivery> chunk : Chunks.of(sorted)) {
                if (Inserts.ignoringExisting(dsl, rendered, chunk, states, run, token, now) == chunk.size())
                    continue;
                // keys that exist: take back the claimable ones (never a claim, so never rows inserted above)
                Map<DeliveryState, List<DeliveryKey>> byState = new LinkedHashMap<>();
                for (Delivery delivery : chunk)
                    byState.computeIfAbsent(states.apply(delivery.key()), s -> new ArrayList<>()).add(delivery.key());
                List<DeliveryKey> supersede = byState.remove(DeliveryState.SUPERSEDED);
                if (supersede != null) supersede(dsl, supersede, run, token, now);
                byState.forEach((state, keys) -> dsl.update(d)
                        .set(d.STATE, state.name())
                        .set(d.CLAIM_TOKEN, token)
                        .set(d.RUN_ID, run)
                        .set(d.CLAIMED_AT, now)
                        .setNull(d.SETTLED_AT)
                        .setNull(d.DISPATCH_ID)
                        .set(d.ATTEMPTS, d.ATTEMPTS.plus(1))
                        .where(LedgerKeys.in(keys))
                        .and(LedgerKeys.stateCheckedOnly(names(DeliveryState.claimable())))
                        .execute());
            }
            Set<DeliveryKey> won = new HashSet<>();
            dsl.select(d.ECU_ID, d.ENTERPRISE_UUID, d.KIND, d.SCOPE, d.PERIOD)
                    .from(d)
                    .where(d.CLAIM_TOKEN.eq(token))
                    .and(LedgerKeys.stateCheckedOnly(names(DeliveryState.claims())))
                    .forEach(r -> won.add(LedgerKeys.key(r)));
            return new Claim(run, token, won);
        });
    }

    private static List<Delivery> concat(List<Delivery> a, List<Delivery> b) {
        List<Delivery> all = new ArrayList<>(a.size() + b.size());
        all.addAll(a);
        all.addAll(b);
        return all;
    }

    private static Set<DeliveryKey> keys(List<Delivery> deliveries) {
        Set<DeliveryKey> keys = new HashSet<>();
        for (Delivery delivery : deliveries) keys.add(delivery.key());
        return keys;
    }

    @Override
    public Set<DeliveryKey> settle(Claim claim, Collection<DeliveryKey> keys, DeliveryState to, String detail) {
        Objects.requireNonNull(to, "to");
        if (to.settlesFrom().isEmpty()) throw new IllegalArgumentException("a claim is never settled as " + to);
        return moves.move(List.of(claim), keys, to.settlesFrom(), to, detail);
    }

    @Override
    public Set<DeliveryKey> settleAcross(Collection<Claim> claims, Collection<DeliveryKey> keys, DeliveryState to,
                                         String detail) {
        Objects.requireNonNull(to, "to");
        if (to.settlesFrom().isEmpty()) throw new IllegalArgumentException("a claim is never settled as " + to);
        return moves.move(claims, keys, to.settlesFrom(), to, detail);
    }

    @Override
    public Set<DeliveryKey> release(Claim claim, Collection<DeliveryKey> keys, String reason) {
        return moves.move(List.of(claim), keys, DeliveryState.releasable(), DeliveryState.FAILED, reason);
    }

    @Override
    public Set<DeliveryKey> releaseAcross(Collection<Claim> claims, Collection<DeliveryKey> keys, String reason) {
        return moves.move(claims, keys, DeliveryState.releasable(), DeliveryState.FAILED, reason);
    }


    @Override
    public void recordSuperseded(Collection<Delivery> deliveries, String runId) {
        List<Delivery> sorted = sorted(deliveries);
        if (sorted.isEmpty()) return;
        String run = clip(runId, 64);
        transactions.atomic("recording " + sorted.size() + " superseded deliveries", dsl -> {
            String token = UUID.randomUUID().toString();
            Field<LocalDateTime> now = database.now();
            for (List<Delivery> chunk : Chunks.of(sorted)) {
                if (Inserts.ignoringExisting(dsl, rendered, chunk, k -> DeliveryState.SUPERSEDED, run, token, now) == chunk.size())
                    continue; // no key existed, so none was claimable
                supersede(dsl, chunk.stream().map(Delivery::key).toList(), run, token, now);
            }
            return null;
        });
    }

    /** Turns the keys that exist and may be superseded (never a claim, a sent or a superseded row) into superseded. */
    private static void supersede(DSLContext dsl, List<DeliveryKey> keys, String run, String token,
                                  Field<LocalDateTime> now) {
        var d = LICENSE_NOTIFY_DELIVERY;
        dsl.update(d)
                .set(d.STATE, DeliveryState.SUPERSEDED.name())
                .set(d.CLAIM_TOKEN, token)
                .set(d.RUN_ID, run)
                .set(d.SETTLED_AT, now)
                .where(LedgerKeys.in(keys))
                .and(LedgerKeys.stateCheckedOnly(names(DeliveryState.supersedable())))
                .execute();
    }

    @Override
    public List<StaleClaim> sweepStaleClaims(Duration lease, UncertainPolicy policy, Shard shard) {
        Objects.requireNonNull(shard, "shard");
        return staleClaims.sweep(lease, policy, ShardSql.holds(LICENSE_NOTIFY_DELIVERY.ENTERPRISE_UUID, shard));
    }

    @Override
    public List<StaleClaim> sweepStaleClaims(Duration lease, UncertainPolicy policy, Collection<UUID> enterprises) {
        List<String> uuids = enterprises.stream().map(UUID::toString).distinct().sorted().toList();
        if (uuids.isEmpty()) return List.of();
        var d = LICENSE_NOTIFY_DELIVERY;
        return staleClaims.sweep(lease, policy, DSL.or(Chunks.of(uuids).stream().map(chunk -> d.ENTERPRISE_UUID.in(chunk)).toList()));
    }

    @Override
    public List<DeliveryRecord> releaseByOperator(OperatorRelease release, boolean dryRun) {
        Objects.requireNonNull(release, "release");
        return transactions.atomic((dryRun ? "listing" : "releasing") + " deliveries for an operator",
                dsl -> OperatorReleases.release(database, dsl, release, dryRun));
    }

    static List<String> names(Set<DeliveryState> states) {
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

    /** The window read of {@code enterprises} uuids: its SQL is rendered once per number of them ({@link Rendered}). */
    private record WindowShape(int enterprises) {
    }
}
