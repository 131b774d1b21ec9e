package io.licensenotify.adapter.persistence;

import io.licensenotify.domain.Admin;
import io.licensenotify.domain.Decision;
import io.licensenotify.domain.Delivery;
import io.licensenotify.domain.DeliveryKey;
import io.licensenotify.domain.Eligibility;
import io.licensenotify.domain.Enterprise;
import io.licensenotify.domain.LicenseCounts;
import io.licensenotify.domain.NotificationKind;
import io.licensenotify.domain.NotificationRules;
import io.licensenotify.domain.Plan;
import io.licensenotify.domain.ThresholdPolicy;
import io.licensenotify.domain.WeeklyDigestPolicy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static io.licensenotify.adapter.persistence.generated.Tables.LICENSE_NOTIFY_DELIVERY;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ledger version 4 on a real database: digests recorded by an older build, keyed by a count of periods, become
 * keyed by a date, and the next run neither resends one nor skips the next period, also after every-days changes.
 * The date given is the UTC date of the row's claim (the admin's activation is not in the ledger; see
 * {@link DigestPeriodsAsDates}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DigestMigrationOnDatabase {
    private static final UUID ENTERPRISE = UUID.fromString("5c1d0f3a-7b2e-4c6d-8e9f-0a1b2c3d4e5f");
    private static final UUID PLAN = UUID.fromString("7a1c3e52-0a4b-4c1e-9d0f-2b8f6c1d9e01");
    /** Activated on 1 January 2026: the first digest on 8 January, then weekly. */
    private static final Instant ACTIVATED = Instant.parse("2026-01-01T09:30:00Z");
    private Database db;

    abstract TestDatabase target();

    @BeforeAll
    void anOlderBuildsLedgerWithFiveWeeksOfDigests() {
        db = target().open(TestDatabase.freshH2Url(), 2);
        TestDatabase.dropLedger(db);
        LedgerSchema.migrateTo(db, "3");
        // admin 101: weeks 0 to 4, each claimed by the daily run at 02:05 UTC on its first day
        for (int week = 0; week < 5; week++)
            insert(101, NotificationKind.WEEKLY_DIGEST, ENTERPRISE.toString(), week, "SENT",
                    LocalDateTime.parse("2026-01-08T02:05:00").plusWeeks(week));
        // admin 102: weeks 3 and 4 claimed on one day (runs with --as-of), week 2 failed and claimed again later
        insert(102, NotificationKind.WEEKLY_DIGEST, ENTERPRISE.toString(), 3, "SENT", LocalDateTime.parse("2026-02-05T10:00:00"));
        insert(102, NotificationKind.WEEKLY_DIGEST, ENTERPRISE.toString(), 4, "SENT", LocalDateTime.parse("2026-02-05T10:01:00"));
        insert(102, NotificationKind.WEEKLY_DIGEST, ENTERPRISE.toString(), 2, "FAILED", LocalDateTime.parse("2026-02-05T10:02:00"));
        // a threshold keeps its generation
        insert(101, NotificationKind.threshold(75), PLAN.toString(), 0, "SENT", LocalDateTime.parse("2026-01-20T02:05:00"));
        db.migrate();
    }

    @AfterAll
    void close() {
        if (db != null) db.close();
    }

    private void insert(long ecu, NotificationKind kind, String scope, long period, String state, LocalDateTime claimed) {
        var d = LICENSE_NOTIFY_DELIVERY;
        db.dsl().insertInto(d, d.ECU_ID, d.ENTERPRISE_UUID, d.KIND, d.SCOPE, d.PERIOD, d.STATE, d.CLAIMED_AT,
                        d.SETTLED_AT, d.RUN_ID, d.CLAIM_TOKEN, d.ATTEMPTS, d.LMS_USER_ID, d.PLAN_UUID)
                .values(ecu, ENTERPRISE.toString(), kind.code(), scope, period, state, claimed, claimed.plusSeconds(1),
                        "run-old", UUID.randomUUID().toString(), 1, ecu + 500_000, PLAN.toString())
                .execute();
    }

    @Test
    void eachDigestTakesTheDateItWasClaimedOnAndAThresholdKeepsItsGeneration() {
        var d = LICENSE_NOTIFY_DELIVERY;
        assertThat(db.dsl().select(d.PERIOD).from(d).where(d.ECU_ID.eq(101L)).and(d.KIND.eq("WEEKLY_DIGEST"))
                .orderBy(d.PERIOD).fetch(r -> r.value1()))
                .containsExactly(20260108L, 20260115L, 20260122L, 20260129L, 20260205L);
        assertThat(db.dsl().select(d.PERIOD).from(d).where(d.ECU_ID.eq(101L)).and(d.KIND.eq("UTILIZATION_75"))
                .fetch(r -> r.value1())).containsExactly(0L);
        assertThat(db.ledgerState().version()).hasValue("4");
    }

    @Test
    void countsClaimedOnOneDayGetDistinctDatesNoneLaterThanItsClaim() {
        var d = LICENSE_NOTIFY_DELIVERY;
        // newest count first: week 4 keeps 5 February, week 3 the day before, week 2 (failed) the day before that
        assertThat(db.dsl().select(d.STATE, d.PERIOD).from(d).where(d.ECU_ID.eq(102L)).orderBy(d.PERIOD.desc())
                .fetch(r -> r.value1() + " " + r.value2()))
                .containsExactly("SENT 20260205", "SENT 20260204", "FAILED 20260203");
    }

    @Test
    void theNextRunSendsNoMigratedDigestAgainAndTheNextPeriodsOnTime() {
        JooqDeliveryLedger ledger = new JooqDeliveryLedger(db);
        // 6 to 11 February is the period of the digest claimed on 5 February: nothing due
        assertThat(digestsDue(ledger, 7, LocalDate.of(2026, 2, 6))).isEmpty();
        assertThat(digestsDue(ledger, 7, LocalDate.of(2026, 2, 11))).isEmpty();
        assertThat(digestsDue(ledger, 7, LocalDate.of(2026, 2, 12)))
                .containsExactly(DeliveryKey.weeklyDigest(101, ENTERPRISE, LocalDate.of(2026, 2, 12)),
                        DeliveryKey.weeklyDigest(102, ENTERPRISE, LocalDate.of(2026, 2, 12)));
    }

    @Test
    void afterEveryDaysBecomesFourteenTheNextDigestComesInTheNextFortnight() {
        JooqDeliveryLedger ledger = new JooqDeliveryLedger(db);
        // fortnights from 8 January: 5 February (has its digest) and 19 February
        assertThat(digestsDue(ledger, 14, LocalDate.of(2026, 2, 12))).isEmpty();
        assertThat(digestsDue(ledger, 14, LocalDate.of(2026, 2, 18))).isEmpty();
        assertThat(digestsDue(ledger, 14, LocalDate.of(2026, 2, 19))).hasSize(2)
                .allMatch(k -> k.digestPeriodStart().equals(Optional.of(LocalDate.of(2026, 2, 19))));
    }

    private static List<DeliveryKey> digestsDue(JooqDeliveryLedger ledger, int everyDays, LocalDate today) {
        NotificationRules rules = new NotificationRules(ThresholdPolicy.DEFAULT, new WeeklyDigestPolicy(7, everyDays),
                ZoneId.of("UTC"));
        Enterprise enterprise = new Enterprise(ENTERPRISE, "Acme", Optional.of("acme"));
        Plan plan = new Plan(PLAN, "Plan", Instant.parse("2025-01-01T00:00:00Z"), Instant.parse("2030-01-01T00:00:00Z"),
                true, true, new LicenseCounts(10, 0, 0, 0));
        List<Admin> admins = List.of(admin(101), admin(102));
        Decision decision = new Eligibility(rules).decide(enterprise, List.of(plan), admins,
                ledger.recorded(ENTERPRISE), List.of(), today);
        return ((Decision.Evaluated) decision).due().stream().map(Delivery::key)
                .filter(k -> k.kind() instanceof NotificationKind.WeeklyDigest).sorted(LedgerKeys.ORDER).toList();
    }

    private static Admin admin(long ecu) {
        return new Admin(ecu, Optional.of(ecu + 500_000), "user" + ecu, "First", "admin" + ecu + "@example.com", true,
                Optional.of(ACTIVATED));
    }
}
