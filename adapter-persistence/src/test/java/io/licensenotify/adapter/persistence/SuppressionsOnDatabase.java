package io.licensenotify.adapter.persistence;

import io.licensenotify.ports.out.Suppressions;
import io.licensenotify.ports.out.SuppressionsContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/** The suppressions contract on one real database, after Flyway. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SuppressionsOnDatabase extends SuppressionsContract {
    private Database db;
    private JooqSuppressions suppressions;

    abstract TestDatabase target();

    @BeforeAll
    void migrate() {
        db = target().open(TestDatabase.freshH2Url(), 2);
        TestDatabase.dropLedger(db);
        db.migrate();
        suppressions = new JooqSuppressions(db);
    }

    @AfterAll
    void close() {
        if (db != null) db.close();
    }

    @Override
    protected Suppressions suppressions() {
        return suppressions;
    }
}
