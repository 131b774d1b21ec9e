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
import java.util.function.Predicate;

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
        Rows rows = Rows.of(chunk, states);
        Columns<Delivery> columns = columns(rows, states, runId, token, now);
        List<Object> binds = new ArrayList<>(chunk.size() * columns.bound());
        for (Delivery delivery : chunk) columns.bind(delivery, binds);
        Shape shape = new Shape(chunk.size(), rows);
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

    /** What the SQL text depends on: the number of rows, and what they are. */
    private record Shape(int rows, Rows kind) {
    }

    /**
     * Claims (unsettled, one attempt), settled rows (a superseded or re-armed threshold: settled now, no attempt),
     * or both: a claim that records what its deliveries supersede, which binds each row's choice.
     */
    private enum Rows {
        CLAIMS, SETTLED, BOTH;

        static Rows of(List<Delivery> chunk, Function<DeliveryKey, DeliveryState> states) {
            boolean claims = false;
            boolean settled = false;
            for (Delivery delivery : chunk) {
                if (states.apply(delivery.key()).isClaim()) claims = true;
                else settled = true;
            }
            return claims && settled ? BOTH : claims ? CLAIMS : SETTLED;
        }
    }

    /**
     * Every column of a row and its value: the delivery's bound, the constants of a claim or of a settled row (which
     * the shape says, or each row's bound choice when it holds both) inline, and the database's clock.
     */
    private static Columns<Delivery> columns(Rows rows, Function<DeliveryKey, DeliveryState> states, String runId,
                                             String token, Field<LocalDateTime> now) {
        var d = LICENSE_NOTIFY_DELIVERY;
        Field<LocalDateTime> unsettled = DSL.inline((LocalDateTime) null, d.SETTLED_AT);
        Columns<Delivery> columns = new Columns<Delivery>()
                .with(LedgerKeys.COLUMNS, Delivery::key)
                .bound(d.STATE, delivery -> {
                    DeliveryState state = states.apply(delivery.key());
                    if (rows != Rows.BOTH && state.isClaim() != (rows == Rows.CLAIMS))
                        throw new IllegalArgumentException("a row of another kind than the statement's: " + state);
                    return state.name();
                })
                .fixed(d.CLAIMED_AT, now);
        if (rows == Rows.BOTH) {
            Predicate<Delivery> settled = delivery -> !states.apply(delivery.key()).isClaim();
            columns.chosen(d.SETTLED_AT, settled, now, unsettled)
                    .bound(d.ATTEMPTS, delivery -> settled.test(delivery) ? 0 : 1);
        } else {
            columns.fixed(d.SETTLED_AT, rows == Rows.CLAIMS ? unsettled : now)
                    .fixed(d.ATTEMPTS, DSL.inline(rows == Rows.CLAIMS ? 1 : 0));
        }
        return columns.bound(d.RUN_ID, delivery -> runId)
                .bound(d.CLAIM_TOKEN, delivery -> token)
                .fixed(d.DISPATCH_ID, DSL.inline((String) null, d.DISPATCH_ID))
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
