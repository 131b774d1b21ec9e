package io.licensenotify.cli.process;

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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ledger locked by another session (docs/operating.md "Configuration", {@code db.lock-timeout}), on MariaDB
 * ({@link LedgerLocksOnMariaDbIT}, which adds a metadata lock) and PostgreSQL ({@link LedgerLocksOnPostgresIT}): a
 * run waits no longer than {@code db.lock-timeout}, a stop signal during the wait ends the run with its report within
 * {@code notify.shutdown-grace}, and the rerun sends every email once.
 */
abstract class LedgerLocksBehaviour extends ProcessTest {
    /** Locks the ledger's table from this session until {@link #unlockLedger}. */
    abstract void lockLedger(Connection session, Statement s) throws SQLException;

    abstract void unlockLedger(Connection session, Statement s) throws SQLException;

    /** The query that counts the sessions waiting for a lock on the ledger. */
    abstract String sessionsWaiting();

    @Test
    void aLockedLedgerEndsTheRunAfterTheLockTimeoutAndTheRerunSendsEverythingOnce() throws Exception {
        Scenario scenario = Scenario.many(4, 2);
        scenario.load(db, lms);
        LicenseNotifyProcess command = command().with("db.lock-timeout", "PT2S");
        assertThat(command.run("migrate").exitCode()).isZero();
        Result locked;
        try (Connection c = db.database().dataSource().getConnection(); Statement s = c.createStatement()) {
            lockLedger(c, s);

            // without a bound (MariaDB's lock_wait_timeout is a day) the process is killed and the test fails
            locked = command.start("send", "--as-of", Scenario.AS_OF.toString()).await(Duration.ofSeconds(60));

            unlockLedger(c, s);
        }
        assertLockedOutAndRerunSendsEverythingOnce("table lock", command, locked, scenario);
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
            lockLedger(c, s);
            Running run = command.start("send", "--as-of", Scenario.AS_OF.toString(), "--report", report.toString());
            Processes.awaitCondition(() -> waiting() >= 1 || !run.isAlive(), Duration.ofSeconds(60),
                    "the run to wait for the lock");

            run.terminate();
            // the grace (3 s) and what the run does after it; a lock wait of 120 s would outlast this
            stopped = run.await(Duration.ofSeconds(30));

            unlockLedger(c, s);
        }
        assertThat(stopped.exitCode()).as(stopped.toString()).isEqualTo(1);
        assertThat(stopped.stdout()).contains("Result: STOPPED EARLY").contains("SIGTERM");
        JsonNode json = new ObjectMapper().readTree(Files.readString(report));
        assertThat(json.path("complete").asBoolean()).isFalse();
        assertThat(json.path("stopped_early").asText()).contains("SIGTERM");
        assertThat(braze.emails()).isEmpty();
        Result rerun = command.run("send", "--as-of", Scenario.AS_OF.toString());
        assertThat(rerun.exitCode()).as(rerun.toString()).isZero();
        Reliability.Figures f = Reliability.measure("Database: SIGTERM while waiting for a " + target().label()
                + " table lock", 1, 2, scenario, due, braze.emails(), db.ledger());
        assertThat(f.duplicates()).isZero();
        assertThat(f.lost()).isZero();
    }

    /** The locked run exited 1 naming the lock and sent nothing; the rerun, with the lock gone, sends all once. */
    void assertLockedOutAndRerunSendsEverythingOnce(String lock, LicenseNotifyProcess command, Result locked,
                                                    Scenario scenario) {
        Set<Email> due = scenario.due(Scenario.AS_OF);
        assertThat(locked.exitCode()).as(locked.toString()).isEqualTo(1);
        assertThat(locked.output()).containsIgnoringCase("lock");
        assertThat(braze.emails()).isEmpty();

        Result rerun = command.run("send", "--as-of", Scenario.AS_OF.toString());

        assertThat(rerun.exitCode()).as(rerun.toString()).isZero();
        assertThat(braze.emails()).containsExactlyInAnyOrderElementsOf(due);
        Reliability.Figures f = Reliability.measure("Database: ledger under a " + target().label() + " " + lock, 1, 2,
                scenario, due, braze.emails(), db.ledger());
        assertThat(f.duplicates()).isZero();
        assertThat(f.lost()).isZero();
    }

    int waiting() {
        try (Connection c = db.database().dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery(sessionsWaiting())) {
            r.next();
            return r.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
