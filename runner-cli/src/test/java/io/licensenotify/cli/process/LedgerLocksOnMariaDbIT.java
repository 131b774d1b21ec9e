package io.licensenotify.cli.process;

import io.licensenotify.adapter.persistence.TestDatabase;
import io.licensenotify.cli.process.LicenseNotifyProcess.Result;
import io.licensenotify.cli.process.LicenseNotifyProcess.Running;
import io.licensenotify.standin.BrazeStandIn.Email;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ledger locked by another MariaDB session (docs/operating.md "Configuration", db.lock-timeout): a table lock ({@code LOCK TABLES … WRITE}) and a
 * metadata lock (an {@code ALTER TABLE} queued behind an open transaction) are waited for no longer than
 * {@code db.lock-timeout}, as row locks are, and a stop signal during such a wait ends the run with its report
 * within {@code notify.shutdown-grace}. The rerun sends every email once. PostgreSQL's ledger lock is played in
 * {@link DatabaseFaultsIT}.
 */
class LedgerLocksOnMariaDbIT extends ProcessTest {
    private static final String WAITING = "Waiting for table metadata lock";

    @Override
    TestDatabase target() {
        return TestDatabase.MARIADB;
    }

    @Test
    void aTableLockEndsTheRunAfterTheLockTimeoutAndTheRerunSendsEverythingOnce() throws Exception {
        Scenario scenario = Scenario.many(4, 2);
        scenario.load(db, lms);
        Set<Email> due = scenario.due(Scenario.AS_OF);
        LicenseNotifyProcess command = command().with("db.lock-timeout", "PT2S");
        assertThat(command.run("migrate").exitCode()).isZero();
        Result locked;
        try (Connection c = db.database().dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("LOCK TABLES license_notify_delivery WRITE");

            // a day (MariaDB's lock_wait_timeout) without the fix: the process is killed and the test fails
            locked = command.start("send", "--as-of", Scenario.AS_OF.toString()).await(Duration.ofSeconds(60));

            s.execute("UNLOCK TABLES");
        }
        assertLockedOutAndRerunSendsEverythingOnce("table lock", command, locked, scenario, due);
    }

    @Test
    void aMetadataLockQueuedBehindAnOpenTransactionEndsTheRunAfterTheLockTimeout() throws Exception {
        Scenario scenario = Scenario.many(4, 2);
        scenario.load(db, lms);
        Set<Email> due = scenario.due(Scenario.AS_OF);
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
            Processes.awaitCondition(() -> waitingForMetadataLock() >= 1, Duration.ofSeconds(20),
                    "the ALTER TABLE to wait for the metadata lock");

            locked = command.start("send", "--as-of", Scenario.AS_OF.toString()).await(Duration.ofSeconds(60));

            reader.commit();
            migration.get();
            alter.execute("ALTER TABLE license_notify_delivery COMMENT = ''");
        }
        assertLockedOutAndRerunSendsEverythingOnce("metadata lock", command, locked, scenario, due);
    }

    @Test
    void aStopSignalDuringALockWaitEndsTheRunWithItsReportWithinTheGrace() throws Exception {
        Scenario scenario = Scenario.many(4, 2);
        scenario.load(db, lms);
        Set<Email> due = scenario.due(Scenario.AS_OF);
        Path report = dir.resolve("stopped-while-waiting.json");
        LicenseNotifyProcess command = command().with("db.lock-timeout", "PT120S")
                .with("notify.shutdown-grace", "PT3S");
        assertThat(command.run("migrate").exitCode()).isZero();
        Result stopped;
        try (Connection c = db.database().dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("LOCK TABLES license_notify_delivery WRITE");
            Running run = command.start("send", "--as-of", Scenario.AS_OF.toString(), "--report", report.toString());
            Processes.awaitCondition(() -> waitingForMetadataLock() >= 1 || !run.isAlive(), Duration.ofSeconds(60),
                    "the run to wait for the table lock");

            run.terminate();
            // the grace (3 s) and what the run does after it; a lock wait of 120 s would outlast this
            stopped = run.await(Duration.ofSeconds(30));

            s.execute("UNLOCK TABLES");
        }
        assertThat(stopped.exitCode()).as(stopped.toString()).isEqualTo(1);
        assertThat(stopped.stdout()).contains("Result: STOPPED EARLY").contains("SIGTERM");
        JsonNode json = new ObjectMapper().readTree(Files.readString(report));
        assertThat(json.path("complete").asBoolean()).isFalse();
        assertThat(json.path("stopped_early").asText()).contains("SIGTERM");
        assertThat(braze.emails()).isEmpty();
        Result rerun = command.run("send", "--as-of", Scenario.AS_OF.toString());
        assertThat(rerun.exitCode()).as(rerun.toString()).isZero();
        assertThat(braze.emails()).containsExactlyInAnyOrderElementsOf(due);
        Reliability.Figures f = Reliability.measure("Database: SIGTERM while waiting for a MariaDB table lock", 1, 2,
                scenario, due, braze.emails(), db.ledger());
        assertThat(f.duplicates()).isZero();
        assertThat(f.lost()).isZero();
    }

    private void assertLockedOutAndRerunSendsEverythingOnce(String lock, LicenseNotifyProcess command, Result locked,
                                                           Scenario scenario, Set<Email> due) {
        assertThat(locked.exitCode()).as(locked.toString()).isEqualTo(1);
        assertThat(locked.output()).containsIgnoringCase("lock");
        assertThat(braze.emails()).isEmpty();

        Result rerun = command.run("send", "--as-of", Scenario.AS_OF.toString());

        assertThat(rerun.exitCode()).as(rerun.toString()).isZero();
        assertThat(braze.emails()).containsExactlyInAnyOrderElementsOf(due);
        Reliability.Figures f = Reliability.measure("Database: ledger under a MariaDB " + lock, 1, 2, scenario, due,
                braze.emails(), db.ledger());
        assertThat(f.duplicates()).isZero();
        assertThat(f.lost()).isZero();
    }

    /** How many sessions wait for a metadata lock (a table lock held by another session is one) on the ledger. */
    private int waitingForMetadataLock() {
        try (Connection c = db.database().dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT COUNT(*) FROM information_schema.processlist WHERE state = '"
                     + WAITING + "'")) {
            r.next();
            return r.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
