package io.licensenotify.adapter.persistence;

import io.licensenotify.domain.DeliveryKey;
import io.licensenotify.ports.out.DeliveryHistory;
import io.licensenotify.ports.out.DeliveryLedger;
import io.licensenotify.ports.out.OperatorReleaseContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.Collection;


/** The operator's release on one real database, after Flyway (V3 adds the release's columns). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ReleaseOnDatabase extends OperatorReleaseContract {
    private Database db;
    private JooqDeliveryLedger ledger;
    private JooqDeliveryHistory history;

    abstract TestDatabase target();

    @BeforeAll
    void migrate() {
        db = target().open(TestDatabase.freshH2Url(), 4);
        TestDatabase.dropLedger(db);
        db.migrate();
        ledger = new JooqDeliveryLedger(db);
        history = new JooqDeliveryHistory(db);
    }

    @AfterAll
    void close() {
        if (db != null) db.close();
    }

    @Override
    protected DeliveryLedger ledger() {
        return ledger;
    }

    @Override
    protected DeliveryHistory history() {
        return history;
    }

    @Override
    protected void backdate(Collection<DeliveryKey> keys, Duration by) {
        TestDatabase.backdate(db, keys, by);
    }
}
