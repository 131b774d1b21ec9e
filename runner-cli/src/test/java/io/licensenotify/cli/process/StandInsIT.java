package io.licensenotify.cli.process;

import io.licensenotify.adapter.persistence.TestDatabase;
import io.licensenotify.cli.process.LicenseNotifyProcess.Result;
import io.licensenotify.cli.process.LicenseNotifyProcess.Running;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code license-notify stand-ins}: the LMS and Braze stand-ins on their own, so that a trial against a database
 * of one's own (license-manager's tables from the shipped DDL) needs no hand-written fakes (README "The first real run").
 */
class StandInsIT extends ProcessTest {
    @Override
    TestDatabase target() {
        return TestDatabase.H2;
    }

    @Test
    void aSendAgainstTheStandInsAloneEmailsEveryAdminTheyInventAndTheStandInsPrintEachEmail() throws IOException {
        Scenario.many(3, 1).load(db, lms); // the fake LMS of the other tests is not used here
        Path keys = dir.resolve("stand-ins.properties");
        Running standIns = command().start("stand-ins", "--admins", "2", "--properties", keys.toString(),
                "--for", "PT60S");
        // the line after the file is whole
        Processes.awaitConditionOrEnd(standIns, () -> standIns.stdout().contains("Written to "), Duration.ofSeconds(30));
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(keys)) {
            p.load(in);
        }
        LicenseNotifyProcess send = command();
        for (String key : p.stringPropertyNames()) send = send.with(key, p.getProperty(key));

        Result run = send.run("send"); // today: the stand-ins activated their admins 30 days ago
        assertThat(run.exitCode()).as(run.toString()).isZero();
        Processes.awaitConditionOrEnd(standIns, () -> standIns.stdout().split("Braze took ", -1).length - 1 >= 3,
                Duration.ofSeconds(10));
        String printed = standIns.stdout();
        standIns.terminate();

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.stdout()).contains("Result: OK");
        assertThat(p.getProperty("lms.base-url")).startsWith("http://127.0.0.1:");
        assertThat(p).doesNotContainKey("db.url");
        assertThat(printed).contains("LMS stand-in:   http://127.0.0.1:", "Braze stand-in: http://127.0.0.1:",
                "Braze took demo-campaign-");
        assertThat(printed.split("Braze took ", -1).length - 1).as(printed).isGreaterThanOrEqualTo(3);
        assertThat(braze.emails()).as("the other tests' fake Braze").isEmpty();
        assertThat(lms.learnerRequests()).as("the other tests' fake LMS").isZero();
    }

    @Test
    void aNegativeAdminCountIsAUsageError() {
        Result bad = command().run("stand-ins", "--admins", "-1", "--for", "PT1S");

        assertThat(bad.exitCode()).as(bad.toString()).isEqualTo(2);
        assertThat(bad.stderr()).contains("--admins must be between 0 and 1000, was -1");
    }
}
