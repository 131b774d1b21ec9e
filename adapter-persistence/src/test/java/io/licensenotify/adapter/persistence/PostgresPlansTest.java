package io.licensenotify.adapter.persistence;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PostgreSQL plans a statement it has prepared again and again, or once for good ("generic plan", after five runs):
 * a plan made while the ledger is empty scans the whole table, and would go on doing so as a run fills it. A run's
 * sessions plan each statement for its values (docs/operating.md "Configuration", db.url), so a read of one window
 * of enterprises stays an index read however the ledger grows during the run.
 */
class PostgresPlansTest {
    private static final int ROWS = 50_000;

    private Database db;

    @AfterEach
    void close() {
        if (db != null) db.close();
    }

    @Test
    void aWindowReadStaysAnIndexReadWhenTheLedgerGrowsDuringTheSession() throws InterruptedException {
        Database migrating = TestDatabase.POSTGRES.open(null, 2);
        try {
            TestDatabase.dropLedger(migrating);
            migrating.migrate();
        } finally {
            migrating.close();
        }
        // one connection, so that every read runs on the session that prepared the statement
        db = TestDatabase.POSTGRES.open(null, 1);
        JooqDeliveryLedger ledger = new JooqDeliveryLedger(db);
        List<UUID> window = new ArrayList<>();
        for (int i = 0; i < 32; i++) window.add(UUID.randomUUID());

        for (int i = 0; i < 15; i++) ledger.recorded(window); // the ledger is empty: the first run's start
        // rows as a run writes them: an enterprise's, with its plan, run, claim token and Braze's dispatch id
        TestDatabase.execute(db, "INSERT INTO license_notify_delivery (ecu_id, enterprise_uuid, kind, scope, period,"
                + " state, claimed_at, settled_at, run_id, claim_token, dispatch_id, attempts, lms_user_id, plan_uuid)"
                + " SELECT g, md5((g / 4)::text)::uuid::text, 'THRESHOLD_75', md5('plan' || g / 4)::uuid::text, 0,"
                + " 'SENT', localtimestamp, localtimestamp, md5('run')::uuid::text, md5('claim' || g / 4)::uuid::text,"
                + " 'dispatch-' || md5('dispatch' || g / 50), 1, g, md5('plan' || g / 4)::uuid::text"
                + " FROM generate_series(1, " + ROWS + ") g");
        for (int i = 0; i < 20; i++) ledger.recorded(window);
        db.close(); // the session ends: its statistics reach the server's views
        db = null;

        Database checker = TestDatabase.POSTGRES.open(null, 1);
        try {
            long[] scans = scans(checker);
            for (int i = 0; i < 100 && scans[0] + scans[1] < 35; i++) {
                Thread.sleep(100);
                scans = scans(checker);
            }
            assertThat(scans[0] + scans[1]).as("sequential and index scans of the ledger").isGreaterThanOrEqualTo(35);
            assertThat(scans[2]).as("rows the 35 reads scanned sequentially (%d rows in the ledger)", ROWS)
                    .isLessThan(ROWS);
        } finally {
            checker.close();
        }
    }

    /** The ledger table's sequential scans, index scans and rows read by sequential scans, by the server's count. */
    private static long[] scans(Database db) {
        var r = db.dsl().fetchOne("SELECT seq_scan, coalesce(idx_scan, 0), seq_tup_read FROM pg_stat_user_tables"
                + " WHERE relid = 'license_notify_delivery'::regclass");
        return new long[] {r.get(0, Long.class), r.get(1, Long.class), r.get(2, Long.class)};
    }
}
