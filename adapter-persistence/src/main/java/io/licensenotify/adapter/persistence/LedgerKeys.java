package io.licensenotify.adapter.persistence;

import io.licensenotify.domain.DeliveryKey;
import io.licensenotify.domain.NotificationKind;
import org.jooq.Condition;
import org.jooq.Record5;
import org.jooq.RowN;
import org.jooq.impl.DSL;

import java.util.ArrayList;
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

    static DeliveryKey key(Record5<Long, String, String, String, Long> r) {
        return new DeliveryKey(r.value1(), UUID.fromString(r.value2()), NotificationKind.parse(r.value3()),
                r.value4(), r.value5());
    }

}
