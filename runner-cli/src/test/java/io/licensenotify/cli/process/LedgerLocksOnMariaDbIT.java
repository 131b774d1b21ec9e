package io.licensenotify.cli.process;

import io.licensenotify.adapter.persistence.TestDatabase;
import io.licensenotify.cli.process.LicenseNotifyProcess.Result;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link LedgerLocksBehaviour} on MariaDB: a table lock ({@code LOCK TABLES … WRITE}) and, besides, a metadata lock
 * (an {@code ALTER TABLE} queued behind an open transaction, which every later statement waits behind). Both are
 * waited for no longer than {@code db.lock-timeout}, as row locks are.
 */
class LedgerLocksOnMariaDbIT extends LedgerLocksBehaviour {
    private static final String WAITING = "Waiting for table metadata lock";

    @Override
    TestDatabase target() {
        return TestDatabase.MARIADB;
    }

    @Override
    void lockLedger(Connection session, Statement s) throws SQLException {
        s.execute("LOCK TABLES license_notify_delivery WRITE");
    }

    @Override
    void unlockLedger(Connection session, Statement s) throws SQLException {
        s.execute("UNLOCK TABLES");
    }

    /** A table lock held by another session is waited for as a metadata lock. */
    @Override
    String sessionsWaiting() {
        return "SELECT COUNT(*) FROM information_schema.processlist WHERE state = '" + WAITING + "'";
    }

    @Test
    void aMetadataLockQueuedBehindAnOpenTransactionEndsTheRunAfterTheLockTimeout() throws Exception {
        Scenario scenario = Scenario.many(4, 2);
        scenario.load(db, lms);
        LicenseNotifyProcess command = command().with("db.lock-timeout", "PT2S");
        assertThat(command.run("migrate").exitCode()).isZero();
        Result locked;
        try (Connection reader = db.database().dataSource().getConnection();
             Statement read = reader.createStatement();
             Connection migrator = db.database().dataSource().getConnection();
             Statement alter = migrator.createStatement()) {
            reader.setAutoCommit(false);
            read.executeQuery("SELECT COUNT(*) FROM license_notify_delivery").close();
            alter.execute("SET SESSION lock_wait_timeout = 120");
            // a migration's ALTER TABLE waits for the open transaction, and every later statement waits behind it
            CompletableFuture<Void> migration = CompletableFuture.runAsync(() -> {
                try {
                    alter.execute("ALTER TABLE license_notify_delivery COMMENT = 'held'");
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            Processes.awaitCondition(() -> waiting() >= 1, Duration.ofSeconds(20),
                    "the ALTER TABLE to wait for the metadata lock");

            locked = command.start("send", "--as-of", Scenario.AS_OF.toString()).await(Duration.ofSeconds(60));

            reader.commit();
            migration.get();
            alter.execute("ALTER TABLE license_notify_delivery COMMENT = ''");
        }
        assertLockedOutAndRerunSendsEverythingOnce("metadata lock", command, locked, scenario);
    }
}
