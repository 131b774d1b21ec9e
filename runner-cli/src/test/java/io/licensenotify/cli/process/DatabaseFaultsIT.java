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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The database failing on purpose (PostgreSQL): connections lost mid-run, and the ledger locked by another
 * session (locks: {@link LedgerLocksBehaviour}). The run ends with a clear error instead of hanging; the rerun sends what is left, nothing twice.
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
}
