package io.licensenotify.adapter.persistence;

import io.licensenotify.adapter.persistence.generated.tables.records.LicenseNotifyDeliveryRecord;
import io.licensenotify.domain.Delivery;
import io.licensenotify.domain.DeliveryKey;
import io.licensenotify.domain.NotificationKind;
import io.licensenotify.ports.out.DeliveryHistory;
import io.licensenotify.ports.out.DeliveryLedger;
import io.licensenotify.ports.out.DeliveryRecord;
import io.licensenotify.ports.out.DeliveryState;
import io.licensenotify.ports.out.HistoryQuery;
import io.licensenotify.ports.out.StaleClaim;
import io.licensenotify.ports.out.UncertainPolicy;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.InsertValuesStep15;
import org.jooq.Record5;
import org.jooq.Row5;
import org.jooq.SQLDialect;
import org.jooq.exception.DataAccessException;
import org.jooq.exception.SQLStateClass;
import org.jooq.impl.DSL;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import static io.licensenotify.adapter.persistence.generated.Tables.LICENSE_NOTIFY_DELIVERY;

/**
 * The delivery ledger in table {@code license_notify_delivery}, unique on the delivery key. A claim never reads
 * then writes: it inserts the keys as pending, ignoring the ones that exist; when some existed, it takes failed
 * ones back with a conditional update and reads which rows carry its own fresh claim token. Of two runs claiming
 * the same key at the same time the database lets exactly one through. Every call is a fixed number of statements
 * per {@value #CHUNK} keys. Thread-safe.
 */
public final class JooqDeliveryLedger implements DeliveryLedger, DeliveryHistory {
    /** Keys per statement: keeps bind variables well under every driver's limit. */
    static final int CHUNK = 500;
    /** Width of {@code last_error}. */
    static final int MAX_ERROR = 1000;

    private static final Comparator<DeliveryKey> KEY_ORDER = Comparator
            .comparingLong(DeliveryKey::ecuId)
            .thenComparing(k -> k.enterprise().toString())
            .thenComparing(k -> k.kind().code())
            .thenComparing(DeliveryKey::scope)
            .thenComparingLong(DeliveryKey::period);

    private final Database database;

    public JooqDeliveryLedger(Database database) {
        this.database = Objects.requireNonNull(database, "database");
    }

    @Override
    public Set<DeliveryKey> recorded(UUID enterprise) {
        Objects.requireNonNull(enterprise, "enterprise");
        var d = LICENSE_NOTIFY_DELIVERY;
        return run("reading the deliveries of enterprise " + enterprise, dsl -> {
            Set<DeliveryKey> keys = new HashSet<>();
            dsl.select(d.ECU_ID, d.ENTERPRISE_UUID, d.KIND, d.SCOPE, d.PERIOD)
                    .from(d)
                    .where(d.ENTERPRISE_UUID.eq(enterprise.toString()))
                    .and(d.STATE.ne(DeliveryState.FAILED.name()))
                    .forEach(r -> keys.add(key(r)));
            return keys;
        });
    }

    @Override
    public Set<DeliveryKey> claim(Collection<Delivery> deliveries, String runId, Instant at) {
        Objects.requireNonNull(at, "at");
        List<Delivery> sorted = sorted(deliveries);
        if (sorted.isEmpty()) return Set.of();
        String token = UUID.randomUUID().toString();
        String run = clip(runId, 64);
        var d = LICENSE_NOTIFY_DELIVERY;
        return run("claiming " + sorted.size() + " deliveries", dsl -> {
            boolean everyKeyInserted = true;
            for (List<Delivery> chunk : chunks(sorted)) {
                // Every key new to the ledger (the usual case): all inserted rows carry our token, so all are won
                // and neither the update nor the select below is needed.
                if (insertIgnoringExisting(dsl, chunk, DeliveryState.PENDING, run, token, at) == chunk.size())
                    continue;
                everyKeyInserted = false;
                dsl.update(d)
                        .set(d.STATE, DeliveryState.PENDING.name())
                        .set(d.CLAIM_TOKEN, token)
                        .set(d.RUN_ID, run)
                        .set(d.CLAIMED_AT, utc(at))
                        .setNull(d.SETTLED_AT)
                        .setNull(d.DISPATCH_ID)
                        .set(d.ATTEMPTS, d.ATTEMPTS.plus(1))
                        .where(keyIn(chunk.stream().map(Delivery::key).toList()))
                        .and(d.STATE.eq(DeliveryState.FAILED.name()))
                        .execute();
            }
            Set<DeliveryKey> won = new HashSet<>();
            if (everyKeyInserted) {
                sorted.forEach(delivery -> won.add(delivery.key()));
                return won;
            }
            dsl.select(d.ECU_ID, d.ENTERPRISE_UUID, d.KIND, d.SCOPE, d.PERIOD)
                    .from(d)
                    .where(d.CLAIM_TOKEN.eq(token))
                    .and(d.STATE.eq(DeliveryState.PENDING.name()))
                    .forEach(r -> won.add(key(r)));
            return won;
        });
    }

    @Override
    public void markSent(Collection<DeliveryKey> keys, String dispatchId, Instant at) {
        settle(keys, DeliveryState.SENT, clip(dispatchId, 128), null, at);
    }

    @Override
    public void markFailed(Collection<DeliveryKey> keys, String error, Instant at) {
        settle(keys, DeliveryState.FAILED, null, clip(error, MAX_ERROR), at);
    }

    @Override
    public void markUncertain(Collection<DeliveryKey> keys, String reason, Instant at) {
        settle(keys, DeliveryState.UNCERTAIN, null, clip(reason, MAX_ERROR), at);
    }

    @Override
    public void recordSuperseded(Collection<Delivery> deliveries, String runId, Instant at) {
        Objects.requireNonNull(at, "at");
        List<Delivery> sorted = sorted(deliveries);
        if (sorted.isEmpty()) return;
        String token = UUID.randomUUID().toString();
        String run = clip(runId, 64);
        var d = LICENSE_NOTIFY_DELIVERY;
        run("recording " + sorted.size() + " superseded deliveries", dsl -> {
            for (List<Delivery> chunk : chunks(sorted)) {
                if (insertIgnoringExisting(dsl, chunk, DeliveryState.SUPERSEDED, run, token, at) == chunk.size())
                    continue; // no key existed, so none was failed
                dsl.update(d)
                        .set(d.STATE, DeliveryState.SUPERSEDED.name())
                        .set(d.RUN_ID, run)
                        .set(d.SETTLED_AT, utc(at))
                        .where(keyIn(chunk.stream().map(Delivery::key).toList()))
                        .and(d.STATE.eq(DeliveryState.FAILED.name()))
                        .execute();
            }
            return null;
        });
    }

    @Override
    public List<StaleClaim> sweepStaleClaims(Instant claimedBefore, UncertainPolicy policy, Instant at) {
        Objects.requireNonNull(claimedBefore, "claimedBefore");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(at, "at");
        DeliveryState target = policy == UncertainPolicy.SKIP ? DeliveryState.UNCERTAIN : DeliveryState.FAILED;
        String reason = policy == UncertainPolicy.SKIP
                ? "claim older than the lease: its run died mid-send, whether it was sent is unknown"
                : "claim older than the lease: its run died mid-send, released to be sent again";
        // the sweep marks what it changed with its own token: a concurrent sweep changes each row at most once
        String token = UUID.randomUUID().toString();
        var d = LICENSE_NOTIFY_DELIVERY;
        return run("sweeping claims made before " + claimedBefore, dsl -> {
            dsl.update(d)
                    .set(d.STATE, target.name())
                    .set(d.CLAIM_TOKEN, token)
                    .set(d.SETTLED_AT, utc(at))
                    .set(d.LAST_ERROR, reason)
                    .where(d.STATE.eq(DeliveryState.PENDING.name()))
                    .and(d.CLAIMED_AT.lt(utc(claimedBefore)))
                    .execute();
            return dsl.select(d.ECU_ID, d.ENTERPRISE_UUID, d.KIND, d.SCOPE, d.PERIOD, d.RUN_ID, d.CLAIMED_AT)
                    .from(d)
                    .where(d.CLAIM_TOKEN.eq(token))
                    .orderBy(d.CLAIMED_AT, d.ECU_ID)
                    .fetch(r -> new StaleClaim(key(r.into(d.ECU_ID, d.ENTERPRISE_UUID, d.KIND, d.SCOPE, d.PERIOD)),
                            r.get(d.RUN_ID), r.get(d.CLAIMED_AT).toInstant(ZoneOffset.UTC)));
        });
    }

    @Override
    public List<DeliveryRecord> find(HistoryQuery query) {
        Objects.requireNonNull(query, "query");
        var d = LICENSE_NOTIFY_DELIVERY;
        List<Condition> where = new ArrayList<>();
        query.enterprise().ifPresent(e -> where.add(d.ENTERPRISE_UUID.eq(e.toString())));
        query.ecuId().ifPresent(id -> where.add(d.ECU_ID.eq(id)));
        query.kind().ifPresent(k -> where.add(d.KIND.eq(k.code())));
        query.state().ifPresent(s -> where.add(d.STATE.eq(s.name())));
        return run("reading delivery history", dsl -> dsl.selectFrom(d)
                .where(where)
                .orderBy(d.CLAIMED_AT.desc(), d.ECU_ID, d.ENTERPRISE_UUID, d.KIND, d.SCOPE, d.PERIOD)
                .limit(query.limit())
                .offset(query.offset())
                .fetch(JooqDeliveryLedger::record));
    }

    private void settle(Collection<DeliveryKey> keys, DeliveryState state, String dispatchId, String error,
                        Instant at) {
        Objects.requireNonNull(at, "at");
        List<DeliveryKey> sorted = keys.stream().distinct().sorted(KEY_ORDER).toList();
        if (sorted.isEmpty()) return;
        var d = LICENSE_NOTIFY_DELIVERY;
        run("settling " + sorted.size() + " deliveries as " + state, dsl -> {
            for (List<DeliveryKey> chunk : chunks(sorted)) {
                var update = dsl.update(d)
                        .set(d.STATE, state.name())
                        .set(d.SETTLED_AT, utc(at));
                if (dispatchId != null) update = update.set(d.DISPATCH_ID, dispatchId);
                if (error != null) update = update.set(d.LAST_ERROR, error);
                update.where(keyIn(chunk)).and(d.STATE.eq(DeliveryState.PENDING.name())).execute();
            }
            return null;
        });
    }

    /**
     * One multi-row insert that skips keys already present: ON CONFLICT DO NOTHING on PostgreSQL, INSERT IGNORE on
     * MariaDB/MySQL. On H2 a plain insert, and only when it meets a key that exists, the keys one by one, each
     * duplicate ignored. Keys are sorted so that concurrent claims lock rows in the same order. Returns how many
     * rows it inserted.
     */
    private static int insertIgnoringExisting(DSLContext dsl, List<Delivery> chunk, DeliveryState state,
                                              String runId, String token, Instant at) {
        var d = LICENSE_NOTIFY_DELIVERY;
        InsertValuesStep15<LicenseNotifyDeliveryRecord, Long, String, String, String, Long, String, LocalDateTime,
                LocalDateTime, String, String, String, Integer, String, Long, String> insert = dsl.insertInto(d,
                d.ECU_ID, d.ENTERPRISE_UUID, d.KIND, d.SCOPE, d.PERIOD, d.STATE, d.CLAIMED_AT, d.SETTLED_AT,
                d.RUN_ID, d.CLAIM_TOKEN, d.DISPATCH_ID, d.ATTEMPTS, d.LAST_ERROR, d.LMS_USER_ID, d.PLAN_UUID);
        LocalDateTime time = utc(at);
        boolean pending = state == DeliveryState.PENDING;
        for (Delivery delivery : chunk) {
            DeliveryKey k = delivery.key();
            insert = insert.values(k.ecuId(), k.enterprise().toString(), k.kind().code(), k.scope(), k.period(),
                    state.name(), time, pending ? null : time, runId, token, null, pending ? 1 : 0, null,
                    delivery.lmsUserId(), delivery.plan().uuid().toString());
        }
        if (dsl.dialect() != SQLDialect.H2) return insert.onDuplicateKeyIgnore().execute();
        // H2 has no INSERT IGNORE outside its compatibility modes, and jOOQ's MERGE emulation cost a third of a
        // run's CPU (BENCHMARKS.md). The service claims only keys the ledger does not hold yet, so a plain insert
        // nearly always succeeds; when a key exists (a failed delivery taken back, or another run's claim), the
        // statement fails as a whole and the keys go one at a time, a duplicate ignored as INSERT IGNORE does.
        try {
            return insert.execute();
        } catch (DataAccessException e) {
            if (!isDuplicateKey(e)) throw e;
            if (chunk.size() == 1) return 0; // the key exists: ignored, like every other existing key
            int inserted = 0;
            for (Delivery delivery : chunk)
                inserted += insertIgnoringExisting(dsl, List.of(delivery), state, runId, token, at);
            return inserted;
        }
    }

    private static boolean isDuplicateKey(DataAccessException e) {
        return e.sqlStateClass() == SQLStateClass.C23_INTEGRITY_CONSTRAINT_VIOLATION;
    }

    private static Condition keyIn(List<DeliveryKey> keys) {
        var d = LICENSE_NOTIFY_DELIVERY;
        List<Row5<Long, String, String, String, Long>> rows = keys.stream()
                .map(k -> DSL.row(k.ecuId(), k.enterprise().toString(), k.kind().code(), k.scope(), k.period()))
                .toList();
        return DSL.row(d.ECU_ID, d.ENTERPRISE_UUID, d.KIND, d.SCOPE, d.PERIOD).in(rows);
    }

    private static DeliveryKey key(Record5<Long, String, String, String, Long> r) {
        return new DeliveryKey(r.value1(), UUID.fromString(r.value2()), NotificationKind.parse(r.value3()),
                r.value4(), r.value5());
    }

    private static DeliveryRecord record(LicenseNotifyDeliveryRecord r) {
        DeliveryKey key = new DeliveryKey(r.getEcuId(), UUID.fromString(r.getEnterpriseUuid()),
                NotificationKind.parse(r.getKind()), r.getScope(), r.getPeriod());
        return new DeliveryRecord(key, DeliveryState.valueOf(r.getState()), r.getLmsUserId(),
                Optional.ofNullable(r.getPlanUuid()).map(UUID::fromString),
                r.getClaimedAt() == null ? Instant.EPOCH : r.getClaimedAt().toInstant(ZoneOffset.UTC),
                Optional.ofNullable(r.getSettledAt()).map(t -> t.toInstant(ZoneOffset.UTC)),
                r.getRunId(), Optional.ofNullable(r.getDispatchId()), r.getAttempts(),
                Optional.ofNullable(r.getLastError()));
    }

    /** One delivery per key (the first wins), in lock order. */
    private static List<Delivery> sorted(Collection<Delivery> deliveries) {
        Map<DeliveryKey, Delivery> byKey = new LinkedHashMap<>();
        for (Delivery delivery : deliveries) byKey.putIfAbsent(delivery.key(), delivery);
        return byKey.values().stream().sorted(Comparator.comparing(Delivery::key, KEY_ORDER)).toList();
    }

    private static <T> List<List<T>> chunks(List<T> all) {
        List<List<T>> chunks = new ArrayList<>();
        for (int i = 0; i < all.size(); i += CHUNK) chunks.add(all.subList(i, Math.min(all.size(), i + CHUNK)));
        return chunks;
    }

    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static String clip(String text, int max) {
        if (text == null) return "";
        return text.length() <= max ? text : text.substring(0, max);
    }

    private <T> T run(String what, Function<DSLContext, T> work) {
        try {
            return work.apply(database.dsl());
        } catch (DataAccessException e) {
            throw Failures.storage(what, database.dialect(), e);
        }
    }
}
