package io.licensenotify.adapter.persistence;

import io.licensenotify.domain.Delivery;
import io.licensenotify.domain.NotificationKind;
import io.licensenotify.ports.out.DeliveryLedger;
import io.licensenotify.ports.out.DeliveryLedgerContract;
import io.licensenotify.ports.out.DeliveryRecord;
import io.licensenotify.ports.out.DeliveryState;
import io.licensenotify.ports.out.HistoryQuery;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static io.licensenotify.adapter.persistence.generated.Tables.LICENSE_NOTIFY_DELIVERY;
import static org.assertj.core.api.Assertions.assertThat;

/** The ledger contract and the history read side on one real database, after Flyway. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class LedgerOnDatabase extends DeliveryLedgerContract {
    private Database db;
    private Database other;
    private JooqDeliveryLedger ledger;
    private JooqDeliveryLedger otherLedger;

    abstract TestDatabase target();

    @BeforeAll
    void migrate() {
        String h2 = TestDatabase.freshH2Url();
        db = target().open(h2, 4);
        other = target().open(h2, 4);
        TestDatabase.dropLedger(db);
        db.migrate();
        ledger = new JooqDeliveryLedger(db);
        otherLedger = new JooqDeliveryLedger(other);
    }

    @AfterAll
    void close() {
        if (other != null) other.close();
        if (db != null) db.close();
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

    @Test
    void migratingAgainChangesNothing() {
        ledger.claim(List.of(digest(1, UUID.randomUUID(), 0)), "run-1", T0);

        db.migrate();

        assertThat(ledger.find(HistoryQuery.all(10))).hasSize(1);
    }

    @Test
    void historyFiltersByEnterpriseAdminKindAndStateNewestFirst() {
        UUID enterprise = UUID.randomUUID();
        UUID elsewhere = UUID.randomUUID();
        ledger.claim(List.of(digest(1, enterprise, 0)), "run-1", T0);
        ledger.claim(List.of(threshold(1, enterprise, 75)), "run-2", T0.plus(1, ChronoUnit.DAYS));
        ledger.claim(List.of(digest(2, enterprise, 0)), "run-2", T0.plus(1, ChronoUnit.DAYS));
        ledger.claim(List.of(digest(1, elsewhere, 0)), "run-3", T0.plus(2, ChronoUnit.DAYS));
        ledger.markSent(List.of(threshold(1, enterprise, 75).key()), "dispatch-9", T0.plus(1, ChronoUnit.DAYS));

        List<DeliveryRecord> ofAdmin1 = ledger.find(new HistoryQuery(Optional.of(enterprise), Optional.of(1L),
                Optional.empty(), Optional.empty(), 0, 10));
        assertThat(ofAdmin1).extracting(DeliveryRecord::key)
                .containsExactly(threshold(1, enterprise, 75).key(), digest(1, enterprise, 0).key());

        List<DeliveryRecord> sent = ledger.find(new HistoryQuery(Optional.empty(), Optional.empty(),
                Optional.of(NotificationKind.threshold(75)), Optional.of(DeliveryState.SENT), 0, 10));
        assertThat(sent).singleElement().satisfies(r -> {
            assertThat(r.dispatchId()).contains("dispatch-9");
            assertThat(r.runId()).isEqualTo("run-2");
            assertThat(r.lmsUserId()).isEqualTo(1001L);
            assertThat(r.plan()).contains(PLAN);
            assertThat(r.claimedAt()).isEqualTo(T0.plus(1, ChronoUnit.DAYS));
            assertThat(r.settledAt()).contains(T0.plus(1, ChronoUnit.DAYS));
            assertThat(r.attempts()).isEqualTo(1);
        });

        assertThat(ledger.find(HistoryQuery.all(10))).extracting(r -> r.key().enterprise())
                .first().isEqualTo(elsewhere);
    }

    @Test
    void historyPagesThroughEveryRowOnce() {
        UUID enterprise = UUID.randomUUID();
        List<Delivery> deliveries = new ArrayList<>();
        for (int ecu = 1; ecu <= 25; ecu++) deliveries.add(digest(ecu, enterprise, 0));
        for (int i = 0; i < deliveries.size(); i++)
            ledger.claim(List.of(deliveries.get(i)), "run", T0.plusSeconds(i));

        List<DeliveryRecord> pages = new ArrayList<>();
        for (int offset = 0; offset < 30; offset += 10)
            pages.addAll(ledger.find(new HistoryQuery(Optional.of(enterprise), Optional.empty(), Optional.empty(),
                    Optional.empty(), offset, 10)));

        assertThat(pages).extracting(r -> r.key().ecuId())
                .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, 25).map(i -> 26 - i).boxed().toList());
    }

    @Test
    void theLastErrorIsCutToTheColumnWidth() {
        Delivery delivery = digest(1, UUID.randomUUID(), 0);
        ledger.claim(List.of(delivery), "run", T0);

        ledger.markFailed(List.of(delivery.key()), "x".repeat(5000), T0);

        assertThat(ledger.find(HistoryQuery.all(1)).get(0).lastError()).hasValueSatisfying(e -> assertThat(e).hasSize(1000));
    }

    @Test
    void aClaimOfManyKeysTakesAFewStatementsNotOnePerKey() {
        UUID enterprise = UUID.randomUUID();
        List<Delivery> many = new ArrayList<>();
        for (int ecu = 1; ecu <= 300; ecu++) many.add(digest(ecu, enterprise, 0));
        long before = db.statementsExecuted();

        assertThat(ledger.claim(many, "run", T0)).hasSize(300);
        ledger.markSent(keys(many), "dispatch", T0);

        // one conflict-ignoring insert wins every new key; one update settles them
        assertThat(db.statementsExecuted() - before).isEqualTo(2);
    }
}
