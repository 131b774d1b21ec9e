package io.licensenotify.adapter.persistence;

import io.licensenotify.domain.DeliveryKey;
import io.licensenotify.domain.NotificationKind;
import org.jooq.Condition;
import org.jooq.Record5;
import org.jooq.Row5;
import org.jooq.impl.DSL;

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

    static Condition in(List<DeliveryKey> keys) {
        List<Row5<Long, String, String, String, Long>> rows = keys.stream()
                .map(k -> DSL.row(k.ecuId(), k.enterprise().toString(), k.kind().code(), k.scope(), k.period()))
                .toList();
        var d = LICENSE_NOTIFY_DELIVERY;
        return DSL.row(d.ECU_ID, d.ENTERPRISE_UUID, d.KIND, d.SCOPE, d.PERIOD).in(rows);
    }

    static DeliveryKey key(Record5<Long, String, String, String, Long> r) {
        return new DeliveryKey(r.value1(), UUID.fromString(r.value2()), NotificationKind.parse(r.value3()),
                r.value4(), r.value5());
    }

}
