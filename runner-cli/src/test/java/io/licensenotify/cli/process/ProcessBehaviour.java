package io.licensenotify.cli.process;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.licensenotify.cli.process.LicenseNotifyProcess.Result;
import io.licensenotify.cli.process.LicenseNotifyProcess.Running;
import io.licensenotify.standin.Answer;
import io.licensenotify.standin.BrazeStandIn.Email;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of the real process, on one database: the built jar started as cron starts it, against the LMS
 * and Braze stand-ins, asserting on exit codes, what Braze received, the ledger and what the process printed.
 */
abstract class ProcessBehaviour extends ProcessTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    Scenario scenario;

    @BeforeEach
    void standardData() {
        scenario = Scenario.standard();
        scenario.load(db, lms);
    }

    @Test
    void aFirstRunSendsTheDueEmailsAndARerunSendsNone() {
        Result first = command().run("send", "--as-of", Scenario.AS_OF.toString());

        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(braze.emails()).containsExactlyInAnyOrderElementsOf(scenario.due(Scenario.AS_OF));
        assertThat(db.ledger("SENT")).hasSize(scenario.due(Scenario.AS_OF).size());
        assertThat(db.ledger("SUPERSEDED")).extracting(ItDatabase.Row::kind).containsOnly("UTILIZATION_75").hasSize(2);

        braze.forget();
        Result second = command().run("send", "--as-of", Scenario.AS_OF.toString());

        assertThat(second.exitCode()).as(second.toString()).isZero();
        assertThat(braze.requests()).isEmpty();
        Processes.assertNoSecret(first, db);
        Processes.assertNoSecret(second, db);
    }

    @Test
    void aDryRunCallsNoBrazeAndRecordsNothing() {
        Result dry = command().run("send", "--dry-run", "--as-of", Scenario.AS_OF.toString());

        assertThat(dry.exitCode()).as(dry.toString()).isZero();
        assertThat(dry.stdout()).contains("dry run").contains("Would send (" + scenario.due(Scenario.AS_OF).size() + ")");
        assertThat(braze.requests()).isEmpty();
        assertThat(db.ledger()).isEmpty();
        Processes.assertNoSecret(dry, db);
    }

    @Test
    void aDryRunOnADatabaseWithoutTheLedgerRunsNoDdlAndSaysItReadsTheLedgerAsEmpty() {
        Result dry = command().run("send", "--dry-run", "--as-of", Scenario.AS_OF.toString());

        assertThat(dry.exitCode()).as(dry.toString()).isZero();
        assertThat(dry.stdout()).contains("there is no delivery ledger yet in " + db.label(),
                "this dry run reads it as empty; 'license-notify migrate' (or the first send) creates it");
        assertThat(db.hasTable("license_notify_delivery")).as("the ledger's table").isFalse();
        assertThat(db.hasTable("license_notify_schema_history")).as("Flyway's history").isFalse();

        Result history = command().run("history");
        assertThat(history.exitCode()).as(history.toString()).isZero();
        assertThat(history.stdout()).startsWith("There is no delivery ledger yet in " + db.label())
                .contains("'license-notify migrate' (or the first send) creates it.");
        assertThat(db.hasTable("license_notify_delivery")).isFalse();

        assertThat(command().run("send", "--as-of", Scenario.AS_OF.toString()).exitCode()).isZero();
        Result after = command().run("send", "--dry-run", "--as-of", Scenario.AS_OF.toString());
        assertThat(after.stdout()).contains("is at version 4\n", "Would send (0)");
    }

    @Test
    void brazeFailingForOneEnterpriseExitsOneSendsTheOthersAndTheErrorNotificationNamesIt() {
        UUID failing = Scenario.enterprise(2);
        braze.fault(FakeBraze.forEnterprise(failing), -1, r -> Answer.json(400, "{\"message\":\"Invalid Campaign ID\"}"));

        Result run = command().run("send", "--as-of", Scenario.AS_OF.toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        Set<Email> others = scenario.due(Scenario.AS_OF).stream()
                .filter(e -> !e.enterprise().equals(failing.toString())).collect(Collectors.toSet());
        assertThat(braze.emails().stream().filter(e -> !e.enterprise().equals(failing.toString())))
                .containsExactlyInAnyOrderElementsOf(others);
        assertThat(braze.runErrors()).hasSize(1);
        JsonNode notification = braze.runErrors().get(0);
        assertThat(notification.path("recipients").get(0).path("external_user_id").asText()).isEqualTo(FakeBraze.ERROR_RECIPIENT);
        assertThat(notification.path("trigger_properties").path("failures").findValuesAsText("enterprise_customer_id"))
                .containsOnly(failing.toString());
        assertThat(run.stdout()).contains(failing.toString());
        assertThat(db.ledger("FAILED")).extracting(ItDatabase.Row::enterprise).containsOnly(failing.toString());
        Processes.assertNoSecret(run, db);
    }

    @Test
    void twoProcessesStartedAtOnceSendEachEmailOnce() {
        braze.fault(FakeBraze.anyAdminEmail(), -1, r -> Processes.created().late(300));
        LicenseNotifyProcess command = command().with("notify.concurrency", "2");

        List<Running> both = List.of(command.start("send", "--as-of", Scenario.AS_OF.toString()),
                command.start("send", "--as-of", Scenario.AS_OF.toString()));
        List<Result> results = both.stream().map(p -> p.await(LicenseNotifyProcess.DEFAULT_TIMEOUT)).toList();

        results.forEach(r -> assertThat(r.exitCode()).as(r.toString()).isZero());
        assertThat(braze.emails()).containsExactlyInAnyOrderElementsOf(scenario.due(Scenario.AS_OF));
        assertThat(db.ledger("SENT")).hasSize(scenario.due(Scenario.AS_OF).size());
        results.forEach(r -> Processes.assertNoSecret(r, db));
    }

    @Test
    void aProcessKilledWhileBrazeIsSlowLeavesUncertainDeliveriesThatTheRerunNamesAndDoesNotResend() throws IOException {
        braze.fault(FakeBraze.anyAdminEmail(), -1, r -> Processes.created().late(20_000));
        LicenseNotifyProcess command = command().with("notify.claim-lease", "PT2S").with("braze.timeout.read", "PT30S");

        Running doomed = command.start("send", "--as-of", Scenario.AS_OF.toString());
        Processes.awaitCondition(() -> !braze.emails().isEmpty(), Duration.ofSeconds(60), "Braze to receive an email");
        doomed.kill();
        List<Email> beforeKill = braze.emails();
        braze.heal();
        Processes.waitPast(Duration.ofSeconds(2)); // the claim lease: only then are the dead run's claims stale

        Path report = dir.resolve("rerun-report.json");
        Result rerun = command.run("send", "--as-of", Scenario.AS_OF.toString(), "--report", report.toString());

        List<Email> all = braze.emails();
        assertThat(all).doesNotHaveDuplicates();
        assertThat(rerun.exitCode()).as(rerun.toString()).isEqualTo(1);
        JsonNode uncertain = JSON.readTree(report.toFile()).path("uncertain");
        Set<String> named = new HashSet<>();
        uncertain.forEach(u -> named.add(u.path("enterprise").asText() + "/" + u.path("ecu_id").asText() + "/" + u.path("kind").asText()));
        for (Email e : beforeKill) assertThat(named).contains(Processes.key(scenario, e));
        // nothing lost: every due email was received, or is named uncertain
        for (Email e : scenario.due(Scenario.AS_OF))
            assertThat(all.contains(e) || named.contains(Processes.key(scenario, e))).as(e.toString()).isTrue();
        assertThat(db.ledger("UNCERTAIN")).hasSize(named.size());
        assertThat(db.ledger("PENDING")).isEmpty();
        Processes.assertNoSecret(rerun, db);
    }

    @Test
    void runsAsOfThreeWeeksSendOneDigestPerWeek() {
        for (int week = 0; week < 3; week++) {
            LocalDate day = Scenario.AS_OF.plusDays(7L * week);
            braze.forget();
            Result run = command().run("send", "--as-of", day.toString());

            assertThat(run.exitCode()).as(run.toString()).isZero();
            Set<Email> digests = scenario.due(day).stream().filter(e -> e.campaign().equals("campaign-digest"))
                    .collect(Collectors.toSet());
            assertThat(braze.emails().stream().filter(e -> e.campaign().equals("campaign-digest")))
                    .as("digests as of " + day).containsExactlyInAnyOrderElementsOf(digests);
            if (week > 0) assertThat(braze.emails()).allMatch(e -> e.campaign().equals("campaign-digest"));
        }
        Map<Long, Long> digestsByAdmin = db.ledger("SENT").stream().filter(r -> r.kind().equals("WEEKLY_DIGEST"))
                .collect(Collectors.groupingBy(ItDatabase.Row::ecuId, Collectors.counting()));
        assertThat(digestsByAdmin).containsEntry(301L, 3L).containsEntry(401L, 3L).containsEntry(101L, 2L)
                .containsEntry(202L, 2L);
    }
}
