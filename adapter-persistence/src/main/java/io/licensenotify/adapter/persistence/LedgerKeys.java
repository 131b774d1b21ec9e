package io.licensenotify.adapter.persistence;

import io.licensenotify.domain.DeliveryKey;
import io.licensenotify.domain.NotificationKind;
import org.jooq.Condition;
import org.jooq.Record5;
import org.jooq.RowN;
import org.jooq.impl.DSL;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import static io.licensenotify.adapter.persistence.generated.Tables.LICENSE_NOTIFY_DELIVERY;

/** The delivery key in the ledger's table: its columns, its lock order, and reading it back. */
final class LedgerKeys {
    /** The order in which every write takes row locks, so that two runs never deadlock on each other. */
    static final Comparator<DeliveryKey> ORDER = Comparator
            .comparingLong(DeliveryKey::ecuId)
            .thenComparing(k -> k.enterprise().toString())
            .thenComparing(k -> k.kind().code())
            .thenComparing(DeliveryKey::scope)
            .thenComparingLong(DeliveryKey::period);

    private LedgerKeys() {
    }

    /** The key's columns and their values, the one list every statement that names keys binds from. */
    static final Columns<DeliveryKey> COLUMNS = new Columns<DeliveryKey>()
            .bound(LICENSE_NOTIFY_DELIVERY.ECU_ID, DeliveryKey::ecuId)
            .bound(LICENSE_NOTIFY_DELIVERY.ENTERPRISE_UUID, k -> k.enterprise().toString())
            .bound(LICENSE_NOTIFY_DELIVERY.KIND, k -> k.kind().code())
            .bound(LICENSE_NOTIFY_DELIVERY.SCOPE, DeliveryKey::scope)
            .bound(LICENSE_NOTIFY_DELIVERY.PERIOD, DeliveryKey::period);

    /** The rows of these keys; binds each key's {@link #COLUMNS} in the keys' order. */
    static Condition in(List<DeliveryKey> keys) {
        List<RowN> rows = new ArrayList<>(keys.size());
        for (DeliveryKey k : keys) rows.add(DSL.row(COLUMNS.values(k)));
        return DSL.row(COLUMNS.fields()).in(rows);
    }

    /*
     * Where keys or a claim's token find the rows, the state only checks them: compared as a value no index holds,
     * so that no planner reaches the rows through the index on (state, claimed_at). Every delivery of a run passes
     * through PENDING and SENDING, and that index keeps an entry for each row under each state it was in until the
     * database cleans up: a statement that went through it read the entries of the whole run so far (BENCHMARKS.md,
     * "Where the rest of the machine went"). The stale sweep and the operator's commands, which look rows up by
     * state, use the index as before.
     */
    static Condition stateCheckedOnly(Collection<String> states) {
        return LICENSE_NOTIFY_DELIVERY.STATE.concat(DSL.inline("")).in(states);
    }

    static DeliveryKey key(Record5<Long, String, String, String, Long> r) {
        return new DeliveryKey(r.value1(), UUID.fromString(r.value2()), NotificationKind.parse(r.value3()),
                r.value4(), r.value5());
    }

}
