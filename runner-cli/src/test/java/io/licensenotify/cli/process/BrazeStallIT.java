package io.licensenotify.cli.process;

import io.licensenotify.adapter.persistence.TestDatabase;
import io.licensenotify.cli.process.LicenseNotifyProcess.Result;
import io.licensenotify.standin.BrazeStandIn.Email;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Braze: an answer that stalls ends the run within its deadlines (here {@code braze.timeout.connect}
 * and {@code braze.timeout.read} are 2 s each), never after Braze. A 2xx status line followed by a body that never
 * ends counts as sent with an unknown dispatch id; no status line at all is uncertain. Nothing stays PENDING.
 */
class BrazeStallIT extends ProcessTest {
    /** How long Braze takes over each answer: far beyond every deadline of the run. */
    private static final int STALL_MS = 120_000;
    /** JVM start on a busy CI machine, two rounds of 4 s requests at concurrency 4, the run-error email. */
    private static final Duration RUN_BOUND = Duration.ofSeconds(45);

    @Override
    TestDatabase target() {
        return TestDatabase.H2;
    }

    @Test
    void aSuccessWhoseBodyNeverEndsIsSentWithAnUnknownDispatchIdAndTheRunEndsWithinItsDeadlines() {
        Scenario scenario = Scenario.many(4, 2);
        scenario.load(db, lms);
        // the status line comes at once, then the body a few bytes at a time for two minutes: every read gets data
        braze.fault(FakeBraze.anyAdminEmail(), -1, r -> Processes.created()
                .withBody("{\"dispatch_id\":\"never-read\",\"message\":\"success\"}" + " ".repeat(200))
                .trickling(240, STALL_MS));
        Set<Email> due = scenario.due(Scenario.AS_OF);
        int faults = braze.faultsServed();

        Result run = command().start("send", "--as-of", Scenario.AS_OF.toString()).await(RUN_BOUND);

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(db.ledger("PENDING")).isEmpty();
        assertThat(db.ledger("SENT")).hasSize(due.size());
        assertThat(dispatchIds()).as("dispatch ids of the SENT rows").hasSize(due.size()).allMatch(String::isEmpty);
        Reliability.Figures f = Reliability.measure("Braze: 2xx whose body never ends", braze.faultsServed() - faults,
                1, scenario, due, braze.emails(), db.ledger());
        assertThat(f.duplicates()).isZero();
        assertThat(f.lost()).isZero();
        Processes.assertNoSecret(run, db);
    }

    @Test
    void anAnswerThatNeverStartsIsUncertainAndTheRunEndsWithinItsDeadline() {
        Scenario scenario = Scenario.many(4, 2);
        scenario.load(db, lms);
        braze.fault(FakeBraze.anyAdminEmail(), -1, r -> Processes.created().late(STALL_MS));
        Set<Email> due = scenario.due(Scenario.AS_OF);
        int faults = braze.faultsServed();

        Result run = command().start("send", "--as-of", Scenario.AS_OF.toString()).await(RUN_BOUND);

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(db.ledger("PENDING")).isEmpty();
        assertThat(db.ledger("UNCERTAIN")).hasSize(due.size());
        assertThat(run.stdout()).contains("OUTCOME_UNKNOWN");
        assertThat(braze.runErrors()).hasSize(1);
        Reliability.Figures f = Reliability.measure("Braze: no status line ever", braze.faultsServed() - faults, 1,
                scenario, due, braze.emails(), db.ledger());
        assertThat(f.duplicates()).isZero();
        assertThat(f.lost()).isZero();
        Processes.assertNoSecret(run, db);
    }

    /** The dispatch id of every SENT row, null read as empty. */
    private List<String> dispatchIds() {
        List<String> ids = new ArrayList<>();
        try (Connection c = db.database().dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT dispatch_id FROM license_notify_delivery WHERE state = 'SENT'")) {
            while (rs.next()) ids.add(rs.getString(1) == null ? "" : rs.getString(1));
        } catch (SQLException e) {
            throw new IllegalStateException("reading the ledger failed: " + e.getMessage(), e);
        }
        return ids;
    }
}
