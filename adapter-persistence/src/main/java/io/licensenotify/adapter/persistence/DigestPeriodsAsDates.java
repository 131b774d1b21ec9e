package io.licensenotify.adapter.persistence;

import io.licensenotify.domain.DeliveryKey;
import io.licensenotify.domain.NotificationKind;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.jooq.BatchBindStep;
import org.jooq.DSLContext;
import org.jooq.Record6;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import static io.licensenotify.adapter.persistence.generated.Tables.LICENSE_NOTIFY_DELIVERY;

/**
 * Ledger version 4: a weekly digest's {@code period} becomes the start date of its period ({@code yyyymmdd}, see
 * {@link DeliveryKey#weeklyDigest}) instead of a count of periods from the admin's first digest date, which lost its
 * meaning whenever {@code notify.weekly.every-days}, {@code notify.weekly.first-after-days} or {@code notify.zone}
 * changed. No table changes; only digest rows still holding a count (below 10000101) are rewritten.
 *
 * <p>The period's real start date (activation + first-after-days + count × every-days) cannot be computed here: the
 * admin's activation lives in the LMS, not in the ledger. The row's date stands in for it: the UTC date of its
 * claim ({@code claimed_at}, else {@code settled_at}), the day the run decided it was due. That day lies inside the
 * digest's period (the rules count a digest recorded on or after a period's start as that period's), so the next
 * run neither resends a migrated digest nor skips the next period. Two counts of one admin claimed the same day (a
 * run with {@code --as-of}, or a setting changed within a day) cannot share a key: the older one takes the day before
 * the newer one's date, and so on, never a later date than its own claim. A row with neither time keeps its count,
 * which the rules read under the settings of the day (as they always did). Portable: plain jOOQ on H2,
 * MariaDB/MySQL and PostgreSQL, in pages, in Flyway's transaction.
 */
final class DigestPeriodsAsDates implements JavaMigration {
    /** A digest period below this is a count of periods: no {@code yyyymmdd} date of the years 1000 to 9999 is. */
    static final long FIRST_DATE = 10_000_101L;
    private static final int PAGE = 1000;

    private final SQLDialect dialect;

    DigestPeriodsAsDates(SQLDialect dialect) {
        this.dialect = Objects.requireNonNull(dialect, "dialect");
    }

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("4");
    }

    @Override
    public String getDescription() {
        return "digest periods as dates";
    }

    @Override
    public Integer getChecksum() {
        return 4;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    /** One admin's digests (ecu, enterprise, scope), newest count first, and the date given to the last one seen. */
    private static final class Admin {
        final long ecuId;
        final String enterprise;
        final String scope;
        LocalDate lastGiven;

        Admin(long ecuId, String enterprise, String scope) {
            this.ecuId = ecuId;
            this.enterprise = enterprise;
            this.scope = scope;
        }

        boolean is(long ecu, String e, String s) {
            return ecuId == ecu && enterprise.equals(e) && scope.equals(s);
        }
    }

    @Override
    public void migrate(Context context) {
        DSLContext dsl = DSL.using(context.getConnection(), dialect, Database.settings());
        var d = LICENSE_NOTIFY_DELIVERY;
        String kind = NotificationKind.WEEKLY_DIGEST.code();
        // rows rewritten leave the selection (their period is a date now), so each page is the next one
        var legacy = d.KIND.eq(kind).and(d.PERIOD.lt(FIRST_DATE)).and(d.CLAIMED_AT.isNotNull().or(d.SETTLED_AT.isNotNull()));
        Admin admin = null;
        while (true) {
            List<Record6<Long, String, String, Long, LocalDateTime, LocalDateTime>> page = dsl
                    .select(d.ECU_ID, d.ENTERPRISE_UUID, d.SCOPE, d.PERIOD, d.CLAIMED_AT, d.SETTLED_AT)
                    .from(d).where(legacy)
                    .orderBy(d.ECU_ID, d.ENTERPRISE_UUID, d.SCOPE, d.PERIOD.desc())
                    .limit(PAGE).fetch();
            if (page.isEmpty()) return;
            List<Object[]> updates = new ArrayList<>();
            for (var r : page) {
                if (admin == null || !admin.is(r.value1(), r.value2(), r.value3()))
                    admin = new Admin(r.value1(), r.value2(), r.value3());
                LocalDate date = (r.value5() != null ? r.value5() : r.value6()).toLocalDate();
                if (admin.lastGiven != null && !date.isBefore(admin.lastGiven)) date = admin.lastGiven.minusDays(1);
                admin.lastGiven = date;
                updates.add(new Object[] {DeliveryKey.digestPeriod(date), r.value1(), r.value2(), kind, r.value3(),
                        r.value4()});
            }
            BatchBindStep batch = dsl.batch(dsl.update(d).set(d.PERIOD, DSL.param("date", Long.class))
                    .where(d.ECU_ID.eq(DSL.param("ecu", Long.class)))
                    .and(d.ENTERPRISE_UUID.eq(DSL.param("enterprise", String.class)))
                    .and(d.KIND.eq(DSL.param("kind", String.class))).and(d.SCOPE.eq(DSL.param("scope", String.class)))
                    .and(d.PERIOD.eq(DSL.param("count", Long.class))));
            for (Object[] u : updates) batch = batch.bind(u);
            batch.execute();
        }
    }
}
