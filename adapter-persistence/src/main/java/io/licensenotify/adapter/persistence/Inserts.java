package io.licensenotify.adapter.persistence;

import io.licensenotify.adapter.persistence.generated.tables.records.LicenseNotifyDeliveryRecord;
import io.licensenotify.domain.Delivery;
import io.licensenotify.domain.DeliveryKey;
import io.licensenotify.domain.DeliveryState;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.InsertValuesStepN;
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
        Columns<Delivery> columns = columns(claim, states, runId, token, now);
        List<Object> binds = new ArrayList<>(chunk.size() * columns.bound());
        for (Delivery delivery : chunk) columns.bind(delivery, binds);
        Shape shape = new Shape(chunk.size(), claim);
        if (dsl.dialect() != SQLDialect.H2)
            return rendered.execute(dsl, shape, binds, () -> insert(dsl, columns, chunk).onDuplicateKeyIgnore());
        // H2 has no INSERT IGNORE outside its compatibility modes, and jOOQ's MERGE emulation cost a third of a
        // run's CPU (BENCHMARKS.md). The service claims only keys the ledger does not hold yet, so a plain insert
        // nearly always succeeds; when a key exists (a failed delivery taken back, or another run's claim), the
        // statement fails as a whole (H2 rolls back the statement, not the transaction) and the keys go one at a
        // time, a duplicate ignored as INSERT IGNORE does.
        try {
            return rendered.execute(dsl, shape, binds, () -> insert(dsl, columns, chunk));
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

    /**
     * Every column of a row and its value: the delivery's bound, the constants of a claim or of a settled row (which
     * the shape says) inline, and the database's clock.
     */
    private static Columns<Delivery> columns(boolean claim, Function<DeliveryKey, DeliveryState> states, String runId,
                                             String token, Field<LocalDateTime> now) {
        var d = LICENSE_NOTIFY_DELIVERY;
        return new Columns<Delivery>()
                .with(LedgerKeys.COLUMNS, Delivery::key)
                .bound(d.STATE, delivery -> {
                    DeliveryState state = states.apply(delivery.key());
                    if (state.isClaim() != claim) throw new IllegalArgumentException("claims and settled rows in one insert");
                    return state.name();
                })
                .fixed(d.CLAIMED_AT, now)
                .fixed(d.SETTLED_AT, claim ? DSL.inline((LocalDateTime) null, d.SETTLED_AT) : now)
                .bound(d.RUN_ID, delivery -> runId)
                .bound(d.CLAIM_TOKEN, delivery -> token)
                .fixed(d.DISPATCH_ID, DSL.inline((String) null, d.DISPATCH_ID))
                .fixed(d.ATTEMPTS, DSL.inline(claim ? 1 : 0))
                .fixed(d.LAST_ERROR, DSL.inline((String) null, d.LAST_ERROR))
                .bound(d.LMS_USER_ID, Delivery::lmsUserId)
                .bound(d.PLAN_UUID, delivery -> delivery.plan().uuid().toString());
    }

    /** The insert of these rows, made from the same columns as its bind values. */
    private static InsertValuesStepN<LicenseNotifyDeliveryRecord> insert(DSLContext dsl, Columns<Delivery> columns,
                                                                       List<Delivery> chunk) {
        var insert = dsl.insertInto(LICENSE_NOTIFY_DELIVERY, columns.fields());
        for (Delivery delivery : chunk) insert = insert.values(columns.values(delivery));
        return insert;
    }
}
