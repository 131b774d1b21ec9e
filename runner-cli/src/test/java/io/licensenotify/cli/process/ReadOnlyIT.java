package io.licensenotify.cli.process;

import io.licensenotify.adapter.persistence.TestDatabase;
import io.licensenotify.cli.process.LicenseNotifyProcess.Result;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The read-only commands ({@code history}, {@code check}, a dry run) pointed at an embedded
 * database that does not exist create no file; each says what it found and which command creates the ledger.
 */
class ReadOnlyIT extends ProcessTest {
    @Override
    TestDatabase target() {
        return TestDatabase.H2;
    }

    @Test
    void historyCheckAndADryRunOnAMissingEmbeddedDatabaseCreateNoFile() {
        Path missing = dir.resolve("nowhere");
        String url = "jdbc:h2:file:" + missing.resolve("license-notify").toAbsolutePath();
        LicenseNotifyProcess command = command().with("db.url", url);

        Result history = command.run("history");
        Result check = command.run("check");
        Result dry = command.run("send", "--dry-run", "--as-of", Scenario.AS_OF.toString());

        assertThat(history.exitCode()).as(history.toString()).isZero();
        assertThat(history.stdout()).isEqualTo("There is no delivery ledger yet in H2 at " + url
                + "; 'license-notify migrate' (or the first send) creates it.\n");
        assertThat(check.exitCode()).as(check.toString()).isEqualTo(1);
        assertThat(check.stdout()).contains("FAILED database: there is no database at H2 at " + url
                + " (this command never creates one)");
        assertThat(dry.exitCode()).as(dry.toString()).isEqualTo(1);
        assertThat(dry.stderr()).contains("there is no database at H2 at " + url);
        assertThat(missing).as("no database file, no folder").doesNotExist();
        assertThat(dir.resolve("data")).as("nor the default ./data").doesNotExist();
    }

    @Test
    void aDryRunOnALedgerOfAnOlderVersionReadsItAndGoesThrough() {
        Scenario.standard().load(db, lms);
        TestDatabase.migrateLedgerTo(db.database(), "1"); // before suppressions and operator releases

        Result dry = command().run("send", "--dry-run", "--as-of", Scenario.AS_OF.toString());

        assertThat(dry.exitCode()).as(dry.toString()).isZero();
        assertThat(dry.stdout()).contains("version 1", "Result: DRY RUN: 7 emails would be sent");
        assertThat(braze.emails()).isEmpty();
        Result history = command().run("history");
        assertThat(history.stdout()).as("a dry run runs no DDL").contains("version 1");
    }

    @Test
    void aSendOnADatabaseWithoutLicenseManagersTablesSaysSoAndNamesTheSetting() {
        String url = "jdbc:h2:file:" + dir.resolve("no-license-manager").resolve("db").toAbsolutePath();

        Result run = command().with("db.url", url).run("send", "--as-of", Scenario.AS_OF.toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.stdout() + run.stderr()).contains("license-manager's tables", "are not in H2 at " + url,
                "db.url").doesNotContain("Table \"SUBSCRIPTIONS_CUSTOMERAGREEMENT\" not found");
        assertThat(braze.emails()).isEmpty();
    }
}
