package io.licensenotify.cli.process;

import io.licensenotify.adapter.persistence.TestDatabase;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** {@link LedgerLocksBehaviour} on PostgreSQL: {@code LOCK TABLE … IN ACCESS EXCLUSIVE MODE} in an open transaction. */
class LedgerLocksOnPostgresIT extends LedgerLocksBehaviour {
    @Override
    TestDatabase target() {
        return TestDatabase.POSTGRES;
    }

    @Override
    void lockLedger(Connection session, Statement s) throws SQLException {
        session.setAutoCommit(false);
        s.execute("LOCK TABLE license_notify_delivery IN ACCESS EXCLUSIVE MODE");
    }

    @Override
    void unlockLedger(Connection session, Statement s) throws SQLException {
        session.rollback();
        session.setAutoCommit(true);
    }

    @Override
    String sessionsWaiting() {
        return "SELECT COUNT(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                + " AND query ILIKE '%license_notify_delivery%'";
    }
}
