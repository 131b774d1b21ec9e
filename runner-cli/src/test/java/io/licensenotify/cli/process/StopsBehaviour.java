package io.licensenotify.cli.process;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.licensenotify.adapter.persistence.TestDatabase;
import io.licensenotify.cli.process.LicenseNotifyProcess.Result;
import io.licensenotify.cli.process.LicenseNotifyProcess.Running;
import io.licensenotify.standin.Answer;
import io.licensenotify.standin.BrazeStandIn.Email;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On MariaDB and PostgreSQL ({@link StopsOnMariaDbIT}, {@link StopsOnPostgresIT}): a run stopped by a signal, a run whose worker runs out of memory, and a report file that
 * cannot be written. Whatever ends a run, the operator gets the summary and the JSON report, and nothing due is
 * lost or sent twice.
 */
abstract class StopsBehaviour extends ProcessTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void sigtermWhileBrazeAnswersSlowlyFinishesWhatIsInFlightAndTheRerunSendsTheRestOnce() throws Exception {
        Scenario scenario = Scenario.many(12, 2);
        scenario.load(db, lms);
        Set<Email> due = scenario.due(Scenario.AS_OF);
        braze.fault(FakeBraze.anyAdminEmail(), -1, r -> Processes.created().late(1500));
        Path report = dir.resolve("stopped.json");
        LicenseNotifyProcess command = command().with("notify.concurrency", "2").with("braze.timeout.read", "PT10S");

        Running run = command.start("send", "--as-of", Scenario.AS_OF.toString(), "--report", report.toString());
        Processes.awaitCondition(() -> braze.requests().size() >= 2 || !run.isAlive(), Duration.ofSeconds(60),
                "Braze to receive two requests");
        run.terminate();
        Result stopped = run.await(Duration.ofSeconds(30));
        List<Email> received = new ArrayList<>(braze.emails());

        assertThat(stopped.exitCode()).as(stopped.toString()).isEqualTo(1);
        assertThat(stopped.stdout()).contains("Result: STOPPED EARLY: stopped by SIGTERM");
        JsonNode json = JSON.readTree(Files.readString(report));
        assertThat(json.path("complete").asBoolean()).isFalse();
        assertThat(json.path("stopped_early").asText()).contains("SIGTERM");
        assertThat(db.ledger("PENDING")).as("claims left pending").isEmpty();
        assertThat(db.ledger("SENDING")).as("claims left sending").isEmpty();
        assertThat(db.ledger("UNCERTAIN")).as("Braze answered within the grace").isEmpty();
        assertThat(received).as("some were still to be sent").hasSizeLessThan(due.size());

        braze.heal();
        braze.forget();
        Result rerun = command.run("send", "--as-of", Scenario.AS_OF.toString());
        received.addAll(braze.emails());

        assertThat(rerun.exitCode()).as(rerun.toString()).isZero();
        Reliability.Figures f = Reliability.measure(named("SIGTERM, Braze 1.5 s, " + target().label()), 1, 2, scenario,
                due, received, db.ledger());
        assertThat(f.duplicates()).isZero();
        assertThat(f.lost()).isZero();
        assertThat(f.uncertain()).isZero();
    }

    @Test
    void aSecondSigtermStopsAtOnceAndWhatWasInFlightIsUncertain() {
        Scenario scenario = Scenario.many(3, 1);
        scenario.load(db, lms);
        braze.fault(FakeBraze.anyAdminEmail(), -1, r -> Processes.created().late(60_000));
        LicenseNotifyProcess command = command().with("notify.concurrency", "1").with("braze.timeout.read", "PT90S");

        Running run = command.start("send", "--as-of", Scenario.AS_OF.toString());
        Processes.awaitCondition(() -> !braze.requests().isEmpty() || !run.isAlive(), Duration.ofSeconds(60),
                "Braze to receive a request");
        run.terminate();
        pause(500); // the first signal asks for a graceful stop; Braze would answer in a minute
        run.terminate();
        Result stopped = run.await(Duration.ofSeconds(15));

        assertThat(stopped.exitCode()).as(stopped.toString()).isEqualTo(1);
        assertThat(stopped.stdout()).contains("Uncertain", "OUTCOME_UNKNOWN", "Result: STOPPED EARLY");
        // exactly what Braze received was in flight (one LMS request at once, but a second worker may have sent an
        // enterprise's request while the first waited): each of those is uncertain, nothing else
        assertThat(braze.emails()).isNotEmpty();
        assertThat(db.ledger("UNCERTAIN")).extracting(row -> String.valueOf(row.lmsUserId()))
                .containsExactlyInAnyOrderElementsOf(braze.emails().stream().map(Email::userId).toList());
        assertThat(db.ledger("PENDING")).isEmpty();
        assertThat(db.ledger("SENDING")).isEmpty();
    }

    @Test
    void anOutOfMemoryErrorInAWorkerEndsTheRunWithExitOneAndItsReport() throws Exception {
        Scenario scenario = Scenario.many(3, 1);
        scenario.load(db, lms);
        UUID huge = Scenario.enterprise(1);
        // one page of 400,000 rows (about 60 MB): reading it needs far more than the 64 MB heap
        StringBuilder page = new StringBuilder("{\"count\":400000,\"next\":null,\"results\":[");
        for (int i = 1; i <= 400_000; i++)
            page.append(i > 1 ? "," : "").append("{\"id\":").append(i).append(",\"active\":true,\"created\":")
                    .append("\"2026-02-20T09:30:00Z\",\"enterprise_customer\":{\"uuid\":\"").append(huge)
                    .append("\"},\"user\":{\"id\":").append(i).append(",\"username\":\"u").append(i).append("\"}}");
        String body = page.append("]}").toString();
        lms.fault(FakeLms.learnersOf(huge), -1, r -> Answer.json(200, body));
        Path report = dir.resolve("oom.json");
        LicenseNotifyProcess command = command().with("notify.concurrency", "1").with("lms.max-page-bytes", "1000000000")
                .with("lms.timeout.read", "PT60S").jvmOption("-Xmx64m");

        Result run = command.run("send", "--as-of", Scenario.AS_OF.toString(), "--report", report.toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.stdout()).contains("OutOfMemoryError", "Result: STOPPED EARLY");
        // the worker that read the page records its enterprise as FATAL, unless the heap, exhausted, made another
        // thread meet the error first: the run then stops for it
        assertThat(run.stdout()).containsAnyOf("FATAL", "the run could not go on: OutOfMemoryError");
        JsonNode json = JSON.readTree(Files.readString(report));
        assertThat(json.path("ok").asBoolean()).isFalse();
        assertThat(json.path("complete").asBoolean()).isFalse();
    }

    @Test
    void aReportFileThatCannotBeWrittenExitsTwoBeforeAnyCall() throws Exception {
        Scenario.standard().load(db, lms);
        Path folder = Files.createDirectories(dir.resolve("a-folder"));
        Path underAFile = Files.writeString(dir.resolve("a-file"), "x").resolve("report.json");

        for (Path report : List.of(folder, underAFile)) {
            Result run = command().run("send", "--as-of", Scenario.AS_OF.toString(), "--report", report.toString());

            assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
            assertThat(run.stderr()).contains("--report");
        }
        assertThat(lms.learnerRequests()).isZero();
        assertThat(braze.requests()).isEmpty();
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
