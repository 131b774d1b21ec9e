package io.licensenotify.adapter.persistence;

import io.licensenotify.adapter.persistence.generated.tables.records.LicenseNotifyDeliveryRecord;
import io.licensenotify.domain.Delivery;
import io.licensenotify.domain.DeliveryKey;
import io.licensenotify.domain.DeliveryState;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.InsertValuesStep15;
import org.jooq.SQLDialect;
import org.jooq.exception.DataAccessException;
import org.jooq.exception.SQLStateClass;
import org.jooq.impl.DSL;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import static io.licensenotify.adapter.persistence.generated.Tables.LICENSE_NOTIFY_DELIVERY;

/** The ledger's one multi-row insert. */
final class Inserts {
    private Inserts() {
    }

    /**
     * One multi-row insert that skips keys already present: ON CONFLICT DO NOTHING on PostgreSQL, INSERT IGNORE on
     * MariaDB/MySQL. On H2 a plain insert, and only when it meets a key that exists, the keys one by one, each
     * duplicate ignored. Keys come sorted so that concurrent claims lock rows in the same order. Returns how many
     * rows it inserted.
     */
    static int ignoringExisting(DSLContext dsl, Rendered rendered, List<Delivery> chunk,
                                Function<DeliveryKey, DeliveryState> states, String runId, String token,
                                Field<LocalDateTime> now) {
        boolean claim = states.apply(chunk.get(0).key()).isClaim();
        List<Object> binds = new ArrayList<>(chunk.size() * 10);
        for (Delivery delivery : chunk) {
            DeliveryKey k = delivery.key();
            DeliveryState state = states.apply(k);
            if (state.isClaim() != claim) throw new IllegalArgumentException("claims and settled rows in one insert");
            binds.addAll(List.of(k.ecuId(), k.enterprise().toString(), k.kind().code(), k.scope(), k.period(),
                    state.name(), runId, token, delivery.lmsUserId(), delivery.plan().uuid().toString()));
        }
        Shape shape = new Shape(chunk.size(), claim);
        if (dsl.dialect() != SQLDialect.H2)
            return rendered.execute(dsl, shape, binds, () -> insert(dsl, chunk, states, runId, token, now).onDuplicateKeyIgnore());
        // H2 has no INSERT IGNORE outside its compatibility modes, and jOOQ's MERGE emulation cost a third of a
        // run's CPU (BENCHMARKS.md). The service claims only keys the ledger does not hold yet, so a plain insert
        // nearly always succeeds; when a key exists (a failed delivery taken back, or another run's claim), the
        // statement fails as a whole (H2 rolls back the statement, not the transaction) and the keys go one at a
        // time, a duplicate ignored as INSERT IGNORE does.
        try {
            return rendered.execute(dsl, shape, binds, () -> insert(dsl, chunk, states, runId, token, now));
        } catch (DataAccessException e) {
            if (e.sqlStateClass() != SQLStateClass.C23_INTEGRITY_CONSTRAINT_VIOLATION) throw e;
            if (chunk.size() == 1) return 0; // the key exists: ignored, like every other existing key
            int inserted = 0;
            for (Delivery delivery : chunk)
                inserted += ignoringExisting(dsl, rendered, List.of(delivery), states, runId, token, now);
            return inserted;
        }
    }

    /** What the SQL text depends on: the number of rows, and whether they are claims (unsettled, one attempt). */
    private record Shape(int rows, boolean claims) {
    }

    /** The insert with every value bound in the order {@link #ignoringExisting} lists them; constants inline. */
    private static InsertValuesStep15<LicenseNotifyDeliveryRecord, Long, String, String, String, Long, String,
            LocalDateTime, LocalDateTime, String, String, String, Integer, String, Long, String> insert(
            DSLContext dsl, List<Delivery> chunk, Function<DeliveryKey, DeliveryState> states, String runId,
            String token, Field<LocalDateTime> now) {
        var d = LICENSE_NOTIFY_DELIVERY;
        var insert = dsl.insertInto(d,
                d.ECU_ID, d.ENTERPRISE_UUID, d.KIND, d.SCOPE, d.PERIOD, d.STATE, d.CLAIMED_AT, d.SETTLED_AT,
                d.RUN_ID, d.CLAIM_TOKEN, d.DISPATCH_ID, d.ATTEMPTS, d.LAST_ERROR, d.LMS_USER_ID, d.PLAN_UUID);
        for (Delivery delivery : chunk) {
            DeliveryKey k = delivery.key();
            DeliveryState state = states.apply(k);
            boolean claim = state.isClaim();
            insert = insert.values(DSL.val(k.ecuId()), DSL.val(k.enterprise().toString()), DSL.val(k.kind().code()),
                    DSL.val(k.scope()), DSL.val(k.period()), DSL.val(state.name()), now,
                    claim ? DSL.inline((LocalDateTime) null, d.SETTLED_AT) : now, DSL.val(runId), DSL.val(token),
                    DSL.inline((String) null, d.DISPATCH_ID), DSL.inline(claim ? 1 : 0),
                    DSL.inline((String) null, d.LAST_ERROR), DSL.val(delivery.lmsUserId()),
                    DSL.val(delivery.plan().uuid().toString()));
        }
        return insert;
    }
}
