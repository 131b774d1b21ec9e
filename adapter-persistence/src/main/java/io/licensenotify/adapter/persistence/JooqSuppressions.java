package io.licensenotify.adapter.persistence;

import io.licensenotify.adapter.persistence.generated.tables.records.LicenseNotifySuppressionRecord;
import io.licensenotify.domain.NotificationKind;
import io.licensenotify.domain.Suppression;
import io.licensenotify.ports.out.Suppressions;
import org.jooq.Condition;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import static io.licensenotify.adapter.persistence.generated.Tables.LICENSE_NOTIFY_SUPPRESSION;

/**
 * Suppressions in table {@code license_notify_suppression}, unique on enterprise, admin and kind (0 and {@code *}
 * stand for "every"). Thread-safe.
 */
public final class JooqSuppressions implements Suppressions {
    private static final long EVERY_ADMIN = 0;
    private static final String EVERY_KIND = "*";

    private final Transactions transactions;

    public JooqSuppressions(Database database) {
        this.transactions = new Transactions(Objects.requireNonNull(database, "database"));
    }

    @Override
    public List<Suppression> all() {
        var s = LICENSE_NOTIFY_SUPPRESSION;
        return transactions.single("reading suppressions", dsl -> dsl.selectFrom(s).fetch(JooqSuppressions::suppression));
    }

    @Override
    public List<Suppression> list(Optional<UUID> enterprise) {
        var s = LICENSE_NOTIFY_SUPPRESSION;
        Condition where = enterprise.map(e -> s.ENTERPRISE_UUID.eq(e.toString())).orElse(org.jooq.impl.DSL.noCondition());
        return transactions.single("reading suppressions", dsl -> dsl.selectFrom(s).where(where)
                .orderBy(s.CREATED_AT.desc(), s.ENTERPRISE_UUID, s.ECU_ID, s.KIND)
                .fetch(JooqSuppressions::suppression));
    }

    @Override
    public boolean add(Suppression x) {
        var s = LICENSE_NOTIFY_SUPPRESSION;
        return transactions.single("adding a suppression", dsl -> dsl.insertInto(s,
                        s.ENTERPRISE_UUID, s.ECU_ID, s.KIND, s.REASON, s.CREATED_AT, s.CREATED_BY)
                .values(x.enterprise().toString(), x.ecuId().orElse(EVERY_ADMIN), kind(x.kind()),
                        JooqDeliveryLedger.clip(x.reason(), 1000),
                        LocalDateTime.ofInstant(x.createdAt(), ZoneOffset.UTC), JooqDeliveryLedger.clip(x.createdBy(), 128))
                .onDuplicateKeyIgnore()
                .execute()) == 1;
    }

    @Override
    public int remove(UUID enterprise, Optional<Long> ecuId, Optional<NotificationKind> kind) {
        var s = LICENSE_NOTIFY_SUPPRESSION;
        return transactions.single("removing a suppression", dsl -> dsl.deleteFrom(s)
                .where(s.ENTERPRISE_UUID.eq(enterprise.toString()))
                .and(s.ECU_ID.eq(ecuId.orElse(EVERY_ADMIN)))
                .and(s.KIND.eq(kind(kind)))
                .execute());
    }

    private static String kind(Optional<NotificationKind> kind) {
        return kind.map(NotificationKind::code).orElse(EVERY_KIND);
    }

    private static Suppression suppression(LicenseNotifySuppressionRecord r) {
        return new Suppression(UUID.fromString(r.getEnterpriseUuid()),
                r.getEcuId() == EVERY_ADMIN ? Optional.empty() : Optional.of(r.getEcuId()),
                EVERY_KIND.equals(r.getKind()) ? Optional.empty() : Optional.of(NotificationKind.parse(r.getKind())),
                r.getReason() == null ? "" : r.getReason(),
                r.getCreatedAt() == null ? java.time.Instant.EPOCH : r.getCreatedAt().toInstant(ZoneOffset.UTC),
                r.getCreatedBy());
    }
}
