package io.licensenotify.adapter.persistence;

import io.licensenotify.domain.Delivery;
import io.licensenotify.domain.DeliveryKey;
import io.licensenotify.domain.DeliveryState;
import io.licensenotify.domain.NotificationKind;
import io.licensenotify.domain.Recorded;
import io.licensenotify.ports.out.DeliveryLedger;
import io.licensenotify.ports.out.DeliveryLedger.Claim;
import io.licensenotify.ports.out.DeliveryLedgerContract;
import io.licensenotify.ports.out.DeliveryRecord;
import io.licensenotify.ports.out.HistoryQuery;
import io.licensenotify.ports.out.StorageException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static io.licensenotify.adapter.persistence.generated.Tables.LICENSE_NOTIFY_DELIVERY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The ledger contract and the history read side on one real database, after Flyway. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class LedgerOnDatabase extends DeliveryLedgerContract {
    private Database db;
    private Database other;
    private Database impatient;
    private JooqDeliveryLedger ledger;
    private JooqDeliveryLedger otherLedger;
    private JooqDeliveryHistory history;

    abstract TestDatabase target();

    @BeforeAll
    void migrate() {
        String h2 = TestDatabase.freshH2Url();
        db = target().open(h2, 4);
        other = target().open(h2, 4);
        // waits one second for a lock, to play lock timeouts quickly
        impatient = target().open(h2, 2, Duration.ofSeconds(1));
        TestDatabase.dropLedger(db);
        db.migrate();
        ledger = new JooqDeliveryLedger(db);
        otherLedger = new JooqDeliveryLedger(other);
        history = new JooqDeliveryHistory(db);
    }

    @AfterAll
    void close() {
        for (Database d : new Database[] {impatient, other, db}) if (d != null) d.close();
    }

    @BeforeEach
    void emptyTheLedger() {
        db.dsl().deleteFrom(LICENSE_NOTIFY_DELIVERY).execute();
    }

    @Override
    protected DeliveryLedger ledger() {
        return ledger;
    }

    @Override
    protected DeliveryLedger otherLedger() {
        return otherLedger;
    }

    @Override
    protected void backdate(Collection<DeliveryKey> keys, Duration by) {
        TestDatabase.backdate(db, keys, by);
    }

    @Override
    protected Optional<DeliveryState> stateOf(DeliveryKey key) {
        var d = LICENSE_NOTIFY_DELIVERY;
        return db.dsl().select(d.STATE).from(d).where(LedgerKeys.in(List.of(key)))
                .fetchOptional(d.STATE).map(DeliveryState::valueOf);
    }

    @Test
    void migratingAgainChangesNothing() {
        ledger.claim(List.of(digest(1, UUID.randomUUID(), 0)), "run-1");

        db.migrate();

        assertThat(history.find(HistoryQuery.all(10))).hasSize(1);
    }

    @Test
    void aClaimThatFailsHalfwayLeavesNoRowBehind() throws Exception {
        UUID enterprise = UUID.randomUUID();
        List<Delivery> deliveries = new ArrayList<>();
        for (int ecu = 1; ecu <= 600; ecu++) deliveries.add(digest(ecu, enterprise, 0));
        Delivery locked = deliveries.get(599); // in the second chunk of 500
        Claim earlier = ledger.claim(List.of(locked), "run-0");
        ledger.release(earlier, List.of(locked.key()), "stopped");

        StorageException e;
        try (Held lock = holdRowLock(locked.key())) {
            e = catchThrowableOfType(StorageException.class,
                    () -> new JooqDeliveryLedger(impatient).claim(deliveries, "run-1"));
        }

        assertThat(e).as("the claim fails on the locked row").isNotNull();
        assertThat(history.find(new HistoryQuery(Optional.of(enterprise), Optional.empty(), Optional.empty(),
                Optional.empty(), 0, 1000))).as("rows of the failed claim")
                .singleElement().satisfies(r -> assertThat(r.state()).isEqualTo(DeliveryState.FAILED));
        assertThat(ledger.claim(deliveries, "run-2").won()).hasSize(600);
    }

    @Test
    void aSettleThatMeetsALockTimeoutIsRetriedAndLands() throws Exception {
        Delivery delivery = digest(1, UUID.randomUUID(), 0);
        JooqDeliveryLedger patient = new JooqDeliveryLedger(impatient);
        Claim claim = patient.claim(List.of(delivery), "run-1");
        patient.settle(claim, List.of(delivery.key()), DeliveryState.SENDING, null);

        Set<DeliveryKey> lost;
        try (Held lock = holdRowLock(delivery.key())) {
            // the lock goes away after 1.5 s: the first try times out after 1 s, a later one lands
            CompletableFuture.delayedExecutor(1500, TimeUnit.MILLISECONDS).execute(lock::release);
            lost = patient.settle(claim, List.of(delivery.key()), DeliveryState.FAILED, "HTTP 400: refused");
        }

        assertThat(lost).isEmpty();
        assertThat(stateOf(delivery.key())).contains(DeliveryState.FAILED);
    }

    @Test
    void historyFiltersByEnterpriseAdminKindAndStateNewestFirst() {
        UUID enterprise = UUID.randomUUID();
        UUID elsewhere = UUID.randomUUID();
        ledger.claim(List.of(digest(1, enterprise, 0)), "run-1");
        Claim second = ledger.claim(List.of(threshold(1, enterprise, 75), digest(2, enterprise, 0)), "run-2");
        ledger.claim(List.of(digest(1, elsewhere, 0)), "run-3");
        backdate(List.of(digest(1, enterprise, 0).key()), Duration.ofDays(2));
        backdate(keys(List.of(threshold(1, enterprise, 75), digest(2, enterprise, 0))), Duration.ofDays(1));
        ledger.settle(second, List.of(threshold(1, enterprise, 75).key()), DeliveryState.SENDING, null);
        ledger.settle(second, List.of(threshold(1, enterprise, 75).key()), DeliveryState.SENT, "dispatch-9");

        List<DeliveryRecord> ofAdmin1 = history.find(new HistoryQuery(Optional.of(enterprise), Optional.of(1L),
                Optional.empty(), Optional.empty(), 0, 10));
        assertThat(ofAdmin1).extracting(DeliveryRecord::key)
                .containsExactly(threshold(1, enterprise, 75).key(), digest(1, enterprise, 0).key());

        List<DeliveryRecord> sent = history.find(new HistoryQuery(Optional.empty(), Optional.empty(),
                Optional.of(NotificationKind.threshold(75)), Optional.of(DeliveryState.SENT), 0, 10));
        assertThat(sent).singleElement().satisfies(r -> {
            assertThat(r.dispatchId()).contains("dispatch-9");
            assertThat(r.runId()).isEqualTo("run-2");
            assertThat(r.lmsUserId()).isEqualTo(1001L);
            assertThat(r.plan()).contains(PLAN);
            assertThat(r.settledAt()).hasValueSatisfying(t -> assertThat(t).isAfter(r.claimedAt()));
            assertThat(r.attempts()).isEqualTo(1);
        });

        assertThat(history.find(HistoryQuery.all(10))).extracting(r -> r.key().enterprise())
                .first().isEqualTo(elsewhere);
    }

    @Test
    void historyPagesThroughEveryRowOnce() {
        UUID enterprise = UUID.randomUUID();
        List<Delivery> deliveries = new ArrayList<>();
        for (int ecu = 1; ecu <= 25; ecu++) deliveries.add(digest(ecu, enterprise, 0));
        ledger.claim(deliveries, "run");
        for (int i = 0; i < deliveries.size(); i++)
            backdate(List.of(deliveries.get(i).key()), Duration.ofMinutes(deliveries.size() - i));

        List<DeliveryRecord> pages = new ArrayList<>();
        for (int offset = 0; offset < 30; offset += 10)
            pages.addAll(history.find(new HistoryQuery(Optional.of(enterprise), Optional.empty(), Optional.empty(),
                    Optional.empty(), offset, 10)));

        assertThat(pages).extracting(r -> r.key().ecuId())
                .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, 25).map(i -> 26 - i).boxed().toList());
    }

    @Test
    void theLastErrorIsCutToTheColumnWidth() {
        Delivery delivery = digest(1, UUID.randomUUID(), 0);
        Claim claim = ledger.claim(List.of(delivery), "run");

        ledger.release(claim, List.of(delivery.key()), "x".repeat(5000));

        assertThat(history.find(HistoryQuery.all(1)).get(0).lastError()).hasValueSatisfying(e -> assertThat(e).hasSize(1000));
    }

    @Test
    void aClaimOfManyKeysTakesAFewStatementsNotOnePerKey() {
        UUID enterprise = UUID.randomUUID();
        List<Delivery> many = new ArrayList<>();
        for (int ecu = 1; ecu <= 300; ecu++) many.add(digest(ecu, enterprise, 0));
        long before = db.statementsExecuted();

        Claim claim = ledger.claim(many, "run");
        assertThat(claim.won()).hasSize(300);
        ledger.settle(claim, keys(many), DeliveryState.SENDING, null);
        ledger.settle(claim, keys(many), DeliveryState.SENT, "dispatch");

        // one conflict-ignoring insert wins every new key; one update marks them, one settles them
        assertThat(db.statementsExecuted() - before).isEqualTo(3);
    }

    @Test
    void aClaimThatMarksItsFirstBatchAndItsSettleTakeTwoStatements() {
        UUID enterprise = UUID.randomUUID();
        List<Delivery> batch = new ArrayList<>();
        for (int ecu = 1; ecu <= 50; ecu++) batch.add(digest(ecu, enterprise, 0));
        long before = db.statementsExecuted();

        Claim claim = ledger.claim(batch, Set.copyOf(keys(batch)), "run");
        assertThat(ledger.settle(claim, keys(batch), DeliveryState.SENT, "dispatch")).isEmpty();

        // the claim's insert records them as sending: no update of its own marks them
        assertThat(db.statementsExecuted() - before).isEqualTo(2);
    }

    @Test
    void aClaimThatRecordsWhatItSupersedesIsStillOneStatementOfOneShape() {
        JooqDeliveryLedger ledger = new JooqDeliveryLedger(db); // its cache starts empty
        for (int round = 0; round < 2; round++) {
            UUID enterprise = UUID.randomUUID();
            List<Delivery> top = new ArrayList<>();
            List<Delivery> lower = new ArrayList<>();
            for (int ecu = 1; ecu <= 50; ecu++) top.add(threshold(ecu, enterprise, 100));
            // as many as before, of other admins, so that claims and settled rows fall in another order
            for (int ecu = 1 + 2 * round; ecu <= 50; ecu += 5) lower.add(threshold(ecu, enterprise, 75));
            long before = db.statementsExecuted();

            String run = "run-" + round;
            Claim claim = ledger.claim(top, lower, Set.copyOf(keys(top)), run);

            assertThat(db.statementsExecuted() - before).as("round " + round).isEqualTo(1);
            assertThat(claim.won()).isEqualTo(keys(top));
            List<DeliveryRecord> rows = history.find(new HistoryQuery(Optional.of(enterprise), Optional.empty(),
                    Optional.of(NotificationKind.threshold(75)), Optional.empty(), 0, 100));
            assertThat(rows).hasSize(lower.size()).allSatisfy(r -> {
                assertThat(r.state()).isEqualTo(DeliveryState.SUPERSEDED);
                assertThat(r.settledAt()).isPresent();
                assertThat(r.attempts()).isZero();
                assertThat(r.runId()).isEqualTo(run);
            });
            assertThat(history.find(new HistoryQuery(Optional.of(enterprise), Optional.empty(),
                    Optional.of(NotificationKind.threshold(100)), Optional.empty(), 0, 100))).hasSize(50).allSatisfy(r -> {
                assertThat(r.state()).isEqualTo(DeliveryState.SENDING);
                assertThat(r.settledAt()).isEmpty();
                assertThat(r.attempts()).isEqualTo(1);
            });
        }
        assertThat(ledger.renderedShapes()).as("one shape for both rounds").isEqualTo(1);
    }

    @Test
    void statementsOfTheSameShapeAreRenderedOnceAndCarryEachCallsOwnValues() {
        JooqDeliveryLedger ledger = new JooqDeliveryLedger(db); // its cache starts empty
        List<Delivery> first = List.of(digest(1, UUID.randomUUID(), 0), digest(2, UUID.randomUUID(), 0));
        List<Delivery> second = List.of(digest(3, UUID.randomUUID(), 1), digest(4, UUID.randomUUID(), 1));
        Claim a = ledger.claim(first, Set.of(first.get(0).key()), "run-a");
        ledger.settle(a, List.of(first.get(1).key()), DeliveryState.SENDING, null);
        ledger.settle(a, keys(first), DeliveryState.SENT, "dispatch-a");
        int shapes = ledger.renderedShapes();

        Claim b = ledger.claim(second, Set.of(second.get(0).key()), "run-b");
        ledger.settle(b, List.of(second.get(1).key()), DeliveryState.SENDING, null);
        assertThat(ledger.settle(b, keys(second), DeliveryState.FAILED, "HTTP 400")).isEmpty();

        assertThat(shapes).as("claim, mark and settle cached").isEqualTo(3);
        assertThat(ledger.renderedShapes()).as("the same shapes again, plus the failed settle").isEqualTo(shapes + 1);
        for (Delivery d : first) assertThat(stateOf(d.key())).contains(DeliveryState.SENT);
        for (Delivery d : second) assertThat(stateOf(d.key())).contains(DeliveryState.FAILED);
        assertThat(history.find(HistoryQuery.all(10))).filteredOn(r -> keys(second).contains(r.key()))
                .hasSize(2).allSatisfy(r -> {
                    assertThat(r.runId()).isEqualTo("run-b");
                    assertThat(r.lastError()).contains("HTTP 400");
                });
        assertThat(history.find(HistoryQuery.all(10))).filteredOn(r -> keys(first).contains(r.key()))
                .allSatisfy(r -> assertThat(r.dispatchId()).contains("dispatch-a"));
    }

    @Test
    void theRecordsOfAWindowOfEnterprisesAreReadWithOneStatement() {
        List<UUID> window = new ArrayList<>();
        List<Delivery> held = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            window.add(UUID.randomUUID());
            if (i % 2 == 0) held.add(digest(i + 1, window.get(i), 0));
        }
        ledger.claim(held, "run");
        long before = db.statementsExecuted();

        var recorded = ledger.recorded(window);

        assertThat(db.statementsExecuted() - before).isEqualTo(1);
        assertThat(recorded).hasSize(32);
        for (Delivery d : held) assertThat(recorded.get(d.key().enterprise()).states()).containsOnlyKeys(d.key());
    }

    @Test
    void windowReadsOfOneSizeAreRenderedOnceAndEachReadsItsOwnEnterprisesRows() {
        JooqDeliveryLedger ledger = new JooqDeliveryLedger(db); // its cache starts empty
        for (int round = 0; round < 3; round++) {
            List<UUID> window = new ArrayList<>();
            Map<UUID, Map<DeliveryKey, DeliveryState>> expected = new HashMap<>();
            List<Delivery> sent = new ArrayList<>();
            List<Delivery> claimed = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                UUID enterprise = UUID.randomUUID();
                window.add(enterprise);
                if (i % 4 == 3) continue; // an enterprise with no row reads as nothing
                Delivery weekly = digest(10L * i + round + 1, enterprise, round + i);
                Delivery full = threshold(10L * i + round + 1, enterprise, 100);
                (i % 2 == 0 ? sent : claimed).add(weekly);
                claimed.add(full);
                expected.put(enterprise, new HashMap<>(Map.of(weekly.key(), i % 2 == 0 ? DeliveryState.SENT
                        : DeliveryState.PENDING, full.key(), DeliveryState.PENDING)));
            }
            Claim first = ledger.claim(sent, "run-" + round);
            ledger.settle(first, keys(sent), DeliveryState.SENDING, null);
            ledger.settle(first, keys(sent), DeliveryState.SENT, "dispatch");
            ledger.claim(claimed, "run-" + round);
            int shapes = ledger.renderedShapes();
            long before = db.statementsExecuted();

            Map<UUID, Recorded> recorded = ledger.recorded(window);

            assertThat(db.statementsExecuted() - before).as("round " + round).isEqualTo(1);
            assertThat(ledger.renderedShapes()).as("round " + round + ": the read's shape once, in the first round")
                    .isEqualTo(round == 0 ? shapes + 1 : shapes);
            assertThat(recorded).containsOnlyKeys(window);
            for (UUID enterprise : window)
                assertThat(recorded.get(enterprise).states()).as("round " + round + ", " + enterprise)
                        .isEqualTo(expected.getOrDefault(enterprise, Map.of()));
        }
    }

    /** Another session's lock on one row, held until released or closed. */
    private Held holdRowLock(DeliveryKey key) throws Exception {
        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread holder = new Thread(() -> {
            try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
                c.setAutoCommit(false);
                s.executeUpdate("UPDATE license_notify_delivery SET attempts = attempts WHERE ecu_id = " + key.ecuId()
                        + " AND enterprise_uuid = '" + key.enterprise() + "'");
                locked.countDown();
                release.await(60, TimeUnit.SECONDS);
                c.rollback();
            } catch (SQLException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }, "row-lock-holder");
        holder.start();
        assertThat(locked.await(10, TimeUnit.SECONDS)).as("row lock taken").isTrue();
        return new Held(release, holder);
    }

    private record Held(CountDownLatch latch, Thread holder) implements AutoCloseable {
        void release() {
            latch.countDown();
        }

        @Override
        public void close() throws InterruptedException {
            latch.countDown();
            holder.join(10_000);
        }
    }
}
