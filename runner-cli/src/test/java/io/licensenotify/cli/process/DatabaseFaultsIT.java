package io.licensenotify.cli.process;

import io.licensenotify.adapter.persistence.TestDatabase;
import io.licensenotify.cli.process.LicenseNotifyProcess.Result;
import io.licensenotify.cli.process.LicenseNotifyProcess.Running;
import io.licensenotify.standin.BrazeStandIn.Email;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The database failing on purpose (PostgreSQL): connections lost mid-run, and the ledger locked by another
 * session (MariaDB's table and metadata locks: {@link LedgerLocksOnMariaDbIT}). The run ends with a clear error instead of hanging; the rerun sends what is left, nothing twice.
 */
class DatabaseFaultsIT extends ProcessTest {
    @Override
    TestDatabase target() {
        return TestDatabase.POSTGRES;
    }

    @Test
    void connectionsLostMidRunLeaveNothingSentTwiceAndTheRerunSendsTheRest() {
        Scenario scenario = Scenario.many(6, 2);
        scenario.load(db, lms);
        Set<Email> due = scenario.due(Scenario.AS_OF);
        braze.fault(FakeBraze.anyAdminEmail(), -1, r -> Processes.created().late(300));
        String url = db.config().get("db.url");
        URI server = URI.create(url.substring("jdbc:".length()));
        try (TcpProxy proxy = new TcpProxy(server.getHost(), server.getPort() < 0 ? 5432 : server.getPort())) {
            String proxied = url.replaceFirst("//[^/]+/", "//127.0.0.1:" + proxy.port() + "/");
            LicenseNotifyProcess command = command().with("db.url", proxied).with("notify.concurrency", "2")
                    .with("notify.claim-lease", "PT1S");

            Running run = command.start("send", "--as-of", Scenario.AS_OF.toString());
            Processes.awaitCondition(() -> braze.requests().size() >= 2 || !run.isAlive(), Duration.ofSeconds(60),
                    "Braze to receive two emails");
            int cut = proxy.cut();
            Result faulty = run.await(LicenseNotifyProcess.DEFAULT_TIMEOUT);
            List<Email> received = new ArrayList<>(braze.emails());

            assertThat(cut).as("connections cut").isPositive();
            // the ledger retries a transaction on a fresh connection, so the run may well get through
            assertThat(faulty.exitCode()).as(faulty.toString()).isIn(0, 1);
            braze.forget();
            Processes.waitPast(Duration.ofSeconds(1));
            Result rerun = command.run("send", "--as-of", Scenario.AS_OF.toString());

            assertThat(rerun.exitCode()).as(rerun.toString()).isIn(0, 1);
            received.addAll(braze.emails());
            Reliability.Figures f = Reliability.measure("Database: connections cut mid-run", cut, 2, scenario, due,
                    received, db.ledger());
            assertThat(f.duplicates()).isZero();
            assertThat(f.lost()).isZero();
            assertThat(db.ledger("PENDING")).isEmpty();
            Processes.assertNoSecret(faulty, db);
        }
    }

    @Test
    void licenseDataLostWhileStreamingStillGivesTheSummaryTheReportAndTheRunErrorEmail() throws Exception {
        // more rows than one fetch of the streamed read, so that the read is still going when the connection dies
        Scenario scenario = Scenario.many(1500, 1);
        scenario.load(db, lms);
        Set<Email> due = scenario.due(Scenario.AS_OF);
        lms.fault(FakeLms.anyLearnerPage(), 400, r -> lms.answer(r).late(20));
        String url = db.config().get("db.url");
        URI server = URI.create(url.substring("jdbc:".length()));
        Path report = dir.resolve("cut.json");
        try (TcpProxy proxy = new TcpProxy(server.getHost(), server.getPort() < 0 ? 5432 : server.getPort())) {
            String proxied = url.replaceFirst("//[^/]+/", "//127.0.0.1:" + proxy.port() + "/");
            LicenseNotifyProcess command = command().with("notify.concurrency", "2");

            Running run = command.copy().with("db.url", proxied)
                    .start("send", "--as-of", Scenario.AS_OF.toString(), "--report", report.toString());
            Processes.awaitCondition(() -> braze.requests().size() >= 20 || !run.isAlive(), Duration.ofSeconds(60),
                    "Braze to receive twenty requests");
            int cut = proxy.cut();
            Result faulty = run.await(LicenseNotifyProcess.DEFAULT_TIMEOUT);
            List<Email> received = new ArrayList<>(braze.emails());

            assertThat(cut).as("connections cut").isPositive();
            assertThat(faulty.exitCode()).as(faulty.toString()).isEqualTo(1);
            assertThat(faulty.stdout()).contains("Enterprises:", "Result: STOPPED EARLY", "not reached");
            JsonNode json = new ObjectMapper().readTree(Files.readString(report));
            assertThat(json.path("complete").asBoolean()).isFalse();
            assertThat(json.path("enterprises").path("not_reached").asLong()).isPositive();
            assertThat(braze.runErrors()).as("the run-error email").hasSize(1);

            braze.forget();
            Result rerun = command.run("send", "--as-of", Scenario.AS_OF.toString());
            received.addAll(braze.emails());

            assertThat(rerun.exitCode()).as(rerun.toString()).isIn(0, 1);
            Reliability.Figures f = Reliability.measure("Database: lost while license data streams", 1, 2, scenario,
                    due, received, db.ledger());
            assertThat(f.duplicates()).isZero();
            assertThat(f.lost()).isZero();
        }
    }

    @Test
    void aLedgerLockedByAnotherSessionEndsTheRunWithALockTimeoutAndTheRerunSendsEverythingOnce() throws Exception {
        Scenario scenario = Scenario.many(4, 2);
        scenario.load(db, lms);
        Set<Email> due = scenario.due(Scenario.AS_OF);
        LicenseNotifyProcess command = command().with("db.lock-timeout", "PT2S");
        assertThat(command.run("migrate").exitCode()).isZero();
        Result locked;
        try (Connection c = db.database().dataSource().getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("LOCK TABLE license_notify_delivery IN ACCESS EXCLUSIVE MODE");

            locked = command.run("send", "--as-of", Scenario.AS_OF.toString());

            c.rollback();
        }
        assertThat(locked.exitCode()).as(locked.toString()).isEqualTo(1);
        assertThat(locked.output()).containsIgnoringCase("lock");
        assertThat(braze.emails()).isEmpty();

        Result rerun = command.run("send", "--as-of", Scenario.AS_OF.toString());

        assertThat(rerun.exitCode()).as(rerun.toString()).isZero();
        assertThat(braze.emails()).containsExactlyInAnyOrderElementsOf(due);
        Reliability.Figures f = Reliability.measure("Database: ledger locked by another session", 1, 3, scenario, due,
                braze.emails(), db.ledger());
        assertThat(f.duplicates()).isZero();
        assertThat(f.lost()).isZero();
    }

    @Test
    void aStopSignalWhileWaitingForTheLockedLedgerEndsTheRunWithItsReportWithinTheGrace() throws Exception {
        Scenario scenario = Scenario.many(4, 2);
        scenario.load(db, lms);
        Set<Email> due = scenario.due(Scenario.AS_OF);
        Path report = dir.resolve("stopped-while-waiting.json");
        LicenseNotifyProcess command = command().with("db.lock-timeout", "PT120S")
                .with("notify.shutdown-grace", "PT3S");
        assertThat(command.run("migrate").exitCode()).isZero();
        Result stopped;
        try (Connection c = db.database().dataSource().getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("LOCK TABLE license_notify_delivery IN ACCESS EXCLUSIVE MODE");
            Running run = command.start("send", "--as-of", Scenario.AS_OF.toString(), "--report", report.toString());
            Processes.awaitCondition(() -> waitingForALock() >= 1 || !run.isAlive(), Duration.ofSeconds(60),
                    "the run to wait for the lock");

            run.terminate();
            // the grace (3 s) and what the run does after it; a lock wait of 120 s would outlast this
            stopped = run.await(Duration.ofSeconds(30));

            c.rollback();
        }
        assertThat(stopped.exitCode()).as(stopped.toString()).isEqualTo(1);
        assertThat(stopped.stdout()).contains("Result: STOPPED EARLY").contains("SIGTERM");
        assertThat(new ObjectMapper().readTree(Files.readString(report)).path("complete").asBoolean()).isFalse();
        assertThat(braze.emails()).isEmpty();
        Result rerun = command.run("send", "--as-of", Scenario.AS_OF.toString());
        assertThat(rerun.exitCode()).as(rerun.toString()).isZero();
        Reliability.Figures f = Reliability.measure("Database: SIGTERM while waiting for a PostgreSQL table lock", 1,
                2, scenario, due, braze.emails(), db.ledger());
        assertThat(f.duplicates()).isZero();
        assertThat(f.lost()).isZero();
    }

    private int waitingForALock() {
        try (Connection c = db.database().dataSource().getConnection(); Statement s = c.createStatement();
             java.sql.ResultSet r = s.executeQuery("SELECT COUNT(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                     + " AND query ILIKE '%license_notify_delivery%'")) {
            r.next();
            return r.getInt(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
