package io.licensenotify.cli.process;

import com.fasterxml.jackson.databind.JsonNode;
import io.licensenotify.adapter.persistence.TestDatabase;
import io.licensenotify.cli.process.LicenseNotifyProcess.Result;
import io.licensenotify.standin.Answer;
import io.licensenotify.standin.Received;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static io.licensenotify.cli.process.Scenario.enterprise;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * With the built jar: Braze refuses requests with error bodies that echo the recipients' addresses
 * (and one address of nobody we know). No address reaches stdout, stderr, the {@code --report} file, the ledger's
 * {@code last_error} or the run-error email; the recipients are named there by ECU id.
 */
class BrazeAddressesIT extends ProcessTest {
    private static final Pattern ADDRESS = Pattern.compile("[\\w.%+'-]+@[\\w-]+(\\.[\\w-]+)+");

    @Override
    TestDatabase target() {
        return TestDatabase.H2;
    }

    /** Each request one enterprise's, so that each fault strikes the rows this test counts. */
    @Override
    String batching() {
        return "enterprise";
    }

    @Test
    void errorBodiesEchoingAddressesLeaveNoAddressInTheOutputTheReportTheLedgerOrTheRunErrorEmail() throws IOException {
        Scenario scenario = Scenario.many(3, 2);
        scenario.load(db, lms);
        // a refusal (400, not retried) and an outage (503, retried, then failed), both echoing every address sent
        braze.fault(FakeBraze.forEnterprise(enterprise(1)).and(FakeBraze.forCampaign("campaign-75")), -1,
                r -> Answer.json(400, "{\"message\":\"invalid email " + addressesIn(r) + ", also stranger@elsewhere.org\"}"));
        braze.fault(FakeBraze.forEnterprise(enterprise(2)).and(FakeBraze.anyAdminEmail()), -1,
                r -> Answer.json(503, "{\"message\":\"could not reach " + addressesIn(r) + "\"}"));
        Path report = dir.resolve("addresses-report.json");

        Result run = command().run("send", "--as-of", Scenario.AS_OF.toString(), "--report", report.toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        List<String> lastErrors = lastErrors();
        assertThat(lastErrors).as("last_error of the failed rows").hasSize(4);
        assertNoAddress("the ledger's last_error", String.join("\n", lastErrors));
        assertNoAddress("stderr", run.stderr());
        assertNoAddress("stdout", run.stdout());
        assertNoAddress("the report", Files.readString(report));
        assertThat(braze.runErrors()).hasSize(1);
        assertNoAddress("the run-error email", braze.runErrors().get(0).toString());
        // and the recipients are still named, by ECU id
        assertThat(run.stdout()).contains("Braze answered 400: invalid email ECU 101, ECU 102, also <email>")
                .contains("Braze answered 503: could not reach ECU 201, ECU 202");
        assertThat(lastErrors).anyMatch(e -> e.contains("ECU 101")).anyMatch(e -> e.contains("ECU 202"));
        Processes.assertNoSecret(run, db);
    }

    private static void assertNoAddress(String where, String text) {
        assertThat(ADDRESS.matcher(text).results().map(m -> m.group()).toList()).as("addresses in %s", where).isEmpty();
    }

    /** The recipients' addresses of a Braze request, comma separated, as Braze might echo them. */
    private static String addressesIn(Received request) {
        List<String> addresses = new ArrayList<>();
        for (JsonNode r : request.json().path("recipients"))
            addresses.add(r.path("trigger_properties").path("email").asText());
        return String.join(", ", addresses);
    }

    private List<String> lastErrors() {
        List<String> errors = new ArrayList<>();
        try (Connection c = db.database().dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT last_error FROM license_notify_delivery WHERE last_error IS NOT NULL")) {
            while (rs.next()) errors.add(rs.getString(1));
        } catch (SQLException e) {
            throw new IllegalStateException("reading the ledger failed: " + e.getMessage(), e);
        }
        return errors;
    }
}
