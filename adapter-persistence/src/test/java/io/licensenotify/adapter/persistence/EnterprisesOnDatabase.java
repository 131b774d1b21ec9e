package io.licensenotify.adapter.persistence;

import io.licensenotify.domain.AsOf;
import io.licensenotify.domain.Enterprise;
import io.licensenotify.domain.LicenseCounts;
import io.licensenotify.domain.Plan;
import io.licensenotify.ports.out.EnterpriseLicenses;
import io.licensenotify.ports.out.Enterprises;
import io.licensenotify.ports.out.EnterprisesContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reading license-manager's tables on one real database, with both UUID forms. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class EnterprisesOnDatabase extends EnterprisesContract {
    static final AsOf DAY = new AsOf(LocalDate.parse("2024-03-15"), ZoneOffset.UTC);
    static final Instant START_OF_DAY = DAY.startOfDay();

    private Database db;
    private LicenseManagerFixture fixture;
    private JooqEnterprises enterprises;

    abstract TestDatabase target();

    /**
     * How many enterprises the scale test streams: 100,000 on the servers; on in-memory H2, whose inserts are slow
     * here, 20,000 unless {@code LN_TEST_SCALE} says otherwise.
     */
    int scale() {
        String n = System.getenv("LN_TEST_SCALE");
        return n != null ? Integer.parseInt(n) : target() == TestDatabase.H2 ? 20_000 : 100_000;
    }

    @BeforeAll
    void createTables() {
        db = target().open(TestDatabase.freshH2Url(), 2);
        fixture = new LicenseManagerFixture(db, target());
        fixture.recreateTables();
        enterprises = new JooqEnterprises(db);
    }

    @AfterAll
    void close() {
        if (db != null) db.close();
    }

    @BeforeEach
    void empty() {
        fixture.recreateTables();
    }

    @Override
    protected Enterprises enterprises() {
        return enterprises;
    }

    @Override
    protected void store(Enterprise enterprise, List<Plan> plans) {
        add(enterprise, plans);
        fixture.flush();
    }

    @Override
    protected void storeAll(java.util.Map<Enterprise, List<Plan>> enterprises) {
        enterprises.forEach(this::add);
        fixture.flush();
    }

    private void add(Enterprise enterprise, List<Plan> plans) {
        UUID agreement = fixture.agreement(enterprise.uuid(), enterprise.name(), enterprise.slug().orElse(null));
        for (Plan p : plans) {
            UUID plan = fixture.plan(p.uuid(), agreement, p.title(), p.start(), p.expiration(), p.active(), p.autoApply());
            fixture.licenses(plan, "unassigned", (int) p.licenses().unassigned());
            fixture.licenses(plan, "assigned", (int) p.licenses().assigned());
            fixture.licenses(plan, "activated", (int) p.licenses().activated());
        }
    }

    @Test
    void aDatabaseWithoutLicenseManagersTablesIsNamedWithTheSettingThatChoosesIt() {
        TestDatabase.execute(db, "DROP TABLE subscriptions_license", "DROP TABLE subscriptions_subscriptionplan",
                "DROP TABLE subscriptions_customeragreement");
        try {
            assertThatThrownBy(() -> enterprises.countWithCandidatePlans(DAY))
                    .hasMessageStartingWith("license-manager's tables").hasMessageContaining("are not in " + db)
                    .hasMessageContaining("db.url");
            assertThatThrownBy(this::readAll).hasMessageContaining("are not in " + db);
        } finally {
            fixture.recreateTables();
        }
    }

    @Test
    void onlyActiveAutoAppliedPlansThatCoverTheDayAreCandidates() {
        UUID enterprise = UUID.randomUUID();
        UUID agreement = fixture.agreement(enterprise, "Acme", "acme");
        UUID current = fixture.plan(agreement, "current", days(-30), days(30), true, true);
        UUID startsLaterToday = fixture.plan(agreement, "starts today", START_OF_DAY.plus(23, ChronoUnit.HOURS), days(30), true, true);
        UUID expiresToday = fixture.plan(agreement, "expires today", days(-30), START_OF_DAY, true, true);
        fixture.plan(agreement, "expired yesterday", days(-30), START_OF_DAY.minusMillis(1), true, true);
        fixture.plan(agreement, "starts tomorrow", days(1), days(30), true, true);
        fixture.plan(agreement, "inactive", days(-30), days(30), false, true);
        fixture.plan(agreement, "auto-apply null", days(-30), days(30), true, null);
        fixture.plan(agreement, "auto-apply off", days(-30), days(30), true, false);
        UUID onlyExpired = UUID.randomUUID();
        fixture.plan(fixture.agreement(onlyExpired, "Gone", "gone"), "expired", days(-60), days(-1), true, true);
        fixture.flush();

        List<EnterpriseLicenses> read = readAll();

        assertThat(read).singleElement().satisfies(e -> {
            assertThat(e.enterprise()).isEqualTo(new Enterprise(enterprise, "Acme", Optional.of("acme")));
            assertThat(e.plans()).extracting(Plan::uuid)
                    .containsExactlyInAnyOrder(current, startsLaterToday, expiresToday);
            assertThat(e.plans()).allSatisfy(p -> assertThat(p.isCandidateOn(DAY)).isTrue());
        });
        assertThat(enterprises.countWithCandidatePlans(DAY)).isEqualTo(1);
    }

    @Test
    void licensesAreCountedByStatusAndUnknownStatusesIgnored() {
        UUID agreement = fixture.agreement(UUID.randomUUID(), "Acme", null);
        UUID plan = fixture.plan(agreement, "Plan", days(-1), days(1), true, true);
        fixture.licenses(plan, "unassigned", 3);
        fixture.licenses(plan, "assigned", 2);
        fixture.licenses(plan, "activated", 4);
        fixture.licenses(plan, "revoked", 5);
        fixture.licenses(plan, "mystery", 7);
        UUID empty = fixture.plan(agreement, "Empty", days(-1), days(2), true, true);
        fixture.flush();

        EnterpriseLicenses read = readAll().get(0);

        assertThat(read.enterprise().slug()).isEmpty();
        assertThat(read.plans()).filteredOn(p -> p.uuid().equals(plan)).singleElement()
                .satisfies(p -> {
                    assertThat(p.licenses()).isEqualTo(new LicenseCounts(3, 2, 4, 5));
                    assertThat(p.licenses().total()).isEqualTo(9);
                    assertThat(p.title()).isEqualTo("Plan");
                    assertThat(p.start()).isEqualTo(days(-1));
                    assertThat(p.expiration()).isEqualTo(days(1));
                });
        assertThat(read.plans()).filteredOn(p -> p.uuid().equals(empty)).singleElement()
                .satisfies(p -> assertThat(p.licenses()).isEqualTo(LicenseCounts.NONE));
    }

    @Test
    void aPlanThatCannotExistIsSkippedAndTheOthersStillRead() {
        UUID enterprise = UUID.randomUUID();
        UUID agreement = fixture.agreement(enterprise, "Acme", "acme");
        fixture.plan(agreement, "ends before it starts", START_OF_DAY.plus(10, ChronoUnit.HOURS),
                START_OF_DAY.plus(9, ChronoUnit.HOURS), true, true);
        UUID good = fixture.plan(agreement, "good", days(-1), days(1), true, true);
        UUID other = UUID.randomUUID();
        fixture.plan(fixture.agreement(other, "Other", "other"), "other", days(-1), days(1), true, true);
        fixture.flush();

        List<EnterpriseLicenses> read = readAll();

        assertThat(read).extracting(e -> e.enterprise().uuid()).containsExactlyInAnyOrder(enterprise, other);
        assertThat(read).filteredOn(e -> e.enterprise().uuid().equals(enterprise)).singleElement()
                .satisfies(e -> assertThat(e.plans()).extracting(Plan::uuid).containsExactly(good));
    }

    @Test
    void anEnterpriseWhoseIdIsNoUuidIsSkippedAndTheOthersStillRead() {
        Assumptions.assumeFalse(target().isPostgres(), "PostgreSQL's uuid column cannot hold a malformed id");
        UUID good = UUID.randomUUID();
        fixture.plan(fixture.agreement(good, "Good", "good"), "good", days(-1), days(1), true, true);
        fixture.flush();
        for (String bad : List.of("00-not-a-uuid-000000000000000000", "zz-not-a-uuid-zzzzzzzzzzzzzzzzzz")) {
            String agreement = fixture.stored(UUID.randomUUID());
            TestDatabase.execute(db, "INSERT INTO subscriptions_customeragreement (uuid, enterprise_customer_uuid,"
                            + " enterprise_customer_slug, enterprise_customer_name) VALUES ('" + agreement + "', '" + bad
                            + "', '" + bad.substring(0, 2) + "', 'Bad')",
                    "INSERT INTO subscriptions_subscriptionplan (uuid, title, start_date, expiration_date, is_active,"
                            + " should_auto_apply_licenses, customer_agreement_id) VALUES ('" + fixture.stored(UUID.randomUUID())
                            + "', 'bad', TIMESTAMP '2020-01-01 00:00:00', TIMESTAMP '2099-01-01 00:00:00', true, true, '"
                            + agreement + "')");
        }

        List<EnterpriseLicenses> read = readAll();

        assertThat(read).extracting(e -> e.enterprise().uuid()).containsExactly(good);
    }

    @Test
    void readingTakesOneStatementWhateverTheNumberOfEnterprises() {
        seed(10);
        long before = db.statementsExecuted();
        assertThat(readAll()).hasSize(10);
        long forTen = db.statementsExecuted() - before;

        fixture.recreateTables();
        seed(200);
        before = db.statementsExecuted();
        assertThat(readAll()).hasSize(200);
        long forTwoHundred = db.statementsExecuted() - before;

        System.out.println(target() + ": statements to read 10 enterprises: " + forTen + ", 200 enterprises: " + forTwoHundred);
        assertThat(forTen).isEqualTo(1);
        assertThat(forTwoHundred).isEqualTo(1);
        assertThat(enterprises.countWithCandidatePlans(DAY)).isEqualTo(200);
    }

    @Test
    void manyEnterprisesStreamInOneStatementWithoutPilingUpInMemory() {
        int n = scale();
        long seeding = System.nanoTime();
        seed(n);
        System.out.println(target() + ": seeding took " + (System.nanoTime() - seeding) / 1_000_000 + " ms");
        long reading = System.nanoTime();
        long before = db.statementsExecuted();
        Runtime runtime = Runtime.getRuntime();
        long baseline = usedHeap(runtime);
        long peak = 0;
        long seen = 0;
        long licenses = 0;
        try (Stream<EnterpriseLicenses> stream = enterprises.withCandidatePlans(DAY)) {
            for (var it = stream.iterator(); it.hasNext(); ) {
                EnterpriseLicenses e = it.next();
                licenses += e.plans().get(0).licenses().total();
                if (++seen % (n / 5) == 0) peak = Math.max(peak, usedHeap(runtime) - baseline);
            }
        }
        System.out.println(target() + ": streamed " + seen + " enterprises in "
                + (System.nanoTime() - reading) / 1_000_000 + " ms, in " + (db.statementsExecuted() - before)
                + " statement(s); heap above baseline while streaming (after GC): at most " + peak / (1024 * 1024)
                + " MiB");
        assertThat(seen).isEqualTo(n);
        assertThat(licenses).isEqualTo(3L * n);
        assertThat(db.statementsExecuted() - before).isEqualTo(1);
    }

    @Test
    void readingAndMigratingLeaveLicenseManagersTablesUntouched() {
        seed(5);
        List<String> before = fixture.snapshot();

        TestDatabase.dropLedger(db);
        db.migrate();
        db.migrate();
        readAll();
        enterprises.countWithCandidatePlans(DAY);

        assertThat(fixture.snapshot()).isEqualTo(before);
    }

    private void seed(int n) {
        for (int i = 0; i < n; i++) {
            UUID agreement = fixture.agreement(UUID.randomUUID(), "Enterprise " + i, "enterprise-" + i);
            UUID plan = fixture.plan(agreement, "Plan " + i, days(-10), days(10), true, true);
            fixture.licenses(plan, "activated", 1);
            fixture.licenses(plan, "unassigned", 2);
            if (i % 10_000 == 9_999) fixture.flush();
        }
        fixture.flush();
    }

    private List<EnterpriseLicenses> readAll() {
        try (Stream<EnterpriseLicenses> stream = enterprises.withCandidatePlans(DAY)) {
            return stream.toList();
        }
    }

    private static long usedHeap(Runtime runtime) {
        System.gc();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    private static Instant days(int n) {
        return START_OF_DAY.plus(n, ChronoUnit.DAYS);
    }
}
