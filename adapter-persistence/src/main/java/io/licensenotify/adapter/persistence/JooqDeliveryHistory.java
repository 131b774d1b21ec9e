package io.licensenotify.adapter.persistence;

import io.licensenotify.adapter.persistence.generated.tables.records.LicenseNotifyDeliveryRecord;
import io.licensenotify.domain.DeliveryKey;
import io.licensenotify.domain.DeliveryState;
import io.licensenotify.domain.NotificationKind;
import io.licensenotify.ports.out.DeliveryHistory;
import io.licensenotify.ports.out.DeliveryRecord;
import io.licensenotify.ports.out.HistoryQuery;
import org.jooq.Condition;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import static io.licensenotify.adapter.persistence.generated.Tables.LICENSE_NOTIFY_DELIVERY;

/** The read side of the delivery ledger, for {@code history}: newest first, filtered, one page per statement. */
public final class JooqDeliveryHistory implements DeliveryHistory {
    private final Transactions transactions;

    public JooqDeliveryHistory(Database database) {
        this.transactions = new Transactions(Objects.requireNonNull(database, "database"));
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
        return transactions.single("reading delivery history", dsl -> dsl.selectFrom(d)
                .where(where)
                .orderBy(d.CLAIMED_AT.desc(), d.ECU_ID, d.ENTERPRISE_UUID, d.KIND, d.SCOPE, d.PERIOD)
                .limit(query.limit())
                .offset(query.offset())
                .fetch(JooqDeliveryHistory::record));
    }

    static DeliveryRecord record(LicenseNotifyDeliveryRecord r) {
        DeliveryKey key = new DeliveryKey(r.getEcuId(), UUID.fromString(r.getEnterpriseUuid()),
                NotificationKind.parse(r.getKind()), r.getScope(), r.getPeriod());
        return new DeliveryRecord(key, DeliveryState.valueOf(r.getState()), r.getLmsUserId(),
                Optional.ofNullable(r.getPlanUuid()).map(UUID::fromString),
                r.getClaimedAt() == null ? Instant.EPOCH : r.getClaimedAt().toInstant(ZoneOffset.UTC),
                Optional.ofNullable(r.getSettledAt()).map(t -> t.toInstant(ZoneOffset.UTC)),
                r.getRunId(), Optional.ofNullable(r.getDispatchId()).filter(s -> !s.isEmpty()), r.getAttempts(),
                Optional.ofNullable(r.getLastError()),
                Optional.ofNullable(r.getReleasedAt()).map(at -> new DeliveryRecord.Released(at.toInstant(ZoneOffset.UTC),
                        r.getReleasedBy(), r.getReleaseReason())));
    }

}
