package io.licensenotify.cli.process;

import io.licensenotify.adapter.persistence.TestDatabase;
import io.licensenotify.cli.process.LicenseNotifyProcess.Result;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A database password inside the JDBC URL, in each form the drivers take, and URLs the
 * drivers refuse while quoting them. Whatever {@code check}, {@code migrate} and {@code send} do with it, its value
 * appears nowhere: not on stdout, not on stderr (log lines and stack traces included), not in the {@code --report}
 * JSON, the ledger or what Braze received (the run-error email).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecretsIT {
    private static final String PASSWORD = "Zebra-Pass-5e1f";
    private static final AtomicInteger REPORTS = new AtomicInteger();

    @TempDir
    Path dir;
    FakeLms lms;
    FakeBraze braze;

    @BeforeAll
    void startStandIns() {
        lms = new FakeLms();
        braze = new FakeBraze();
    }

    @AfterAll
    void stopStandIns() {
        braze.close();
        lms.close();
    }

    @Test
    void anH2PasswordInTheUrlWorksAndNeverShows() {
        try (ItDatabase db = ItDatabase.h2(dir, ";PASSWORD=" + PASSWORD)) {
            db.reset();
            Scenario.standard().load(db, lms);
            LicenseNotifyProcess command = Processes.command(dir, db, lms, braze);

            everyCommandKeepsItQuiet(command, db, 0);
            assertThat(braze.emails()).isNotEmpty();
        }
        // H2 refuses a relative path and quotes the whole URL, settings and all, in its message
        try (ItDatabase db = ItDatabase.open(TestDatabase.H2, dir.resolve("other"))) {
            everyCommandKeepsItQuiet(Processes.command(dir, db, lms, braze)
                    .with("db.url", "jdbc:h2:relative/ledger;PASSWORD=" + PASSWORD), db, 1);
        }
    }

    @Test
    void aMariaDbPasswordAsUserInfoOrARefusedOneNeverShows() {
        try (ItDatabase db = ItDatabase.open(TestDatabase.MARIADB, dir)) {
            String url = db.config().get("db.url");
            // the driver reads user:password@host as host:port and quotes password@host as a bad port
            everyCommandKeepsItQuiet(Processes.command(dir, db, lms, braze)
                    .with("db.url", url.replace("jdbc:mariadb://", "jdbc:mariadb://root:" + PASSWORD + "@")), db, 1);
            // a wrong password: refused by the server
            LicenseNotifyProcess refused = Processes.command(dir, db, lms, braze)
                    .with("db.url", url + (url.contains("?") ? "&" : "?") + "password=" + PASSWORD);
            everyCommandKeepsItQuiet(refused, db, 1);
            // one line says it, ours: the driver's own WARN about the same refusal is noise beside it
            Result migrate = refused.run("migrate");
            assertThat(migrate.output()).as(migrate.toString()).doesNotContain("ErrorPacket")
                    .containsOnlyOnce("Access denied");
        }
    }

    @Test
    void aPostgresPasswordInTheUrlWorksAndAsUserInfoNeverShows() {
        try (ItDatabase db = ItDatabase.open(TestDatabase.POSTGRES, dir)) {
            db.reset();
            Scenario.standard().load(db, lms);
            String url = db.config().get("db.url");
            if (TestDatabase.POSTGRES.password().isEmpty()) // trust authentication: any password connects
                everyCommandKeepsItQuiet(Processes.command(dir, db, lms, braze)
                        .with("db.url", url + "&password=" + PASSWORD), db, 0);
            // pgjdbc takes postgres:password@127.0.0.1 for a host name and reports it unknown
            everyCommandKeepsItQuiet(Processes.command(dir, db, lms, braze)
                    .with("db.url", url.replace("jdbc:postgresql://", "jdbc:postgresql://postgres:" + PASSWORD + "@")), db, 1);
        }
    }

    /** {@code check}, {@code migrate} and {@code send} (also with {@code --verbose}) each exit {@code exit}, quietly. */
    private void everyCommandKeepsItQuiet(LicenseNotifyProcess command, ItDatabase db, int exit) {
        braze.forget();
        Path report = dir.resolve("report-" + REPORTS.incrementAndGet() + ".json");
        for (String[] args : new String[][] {{"check"}, {"migrate"}, {"send", "--as-of", Scenario.AS_OF.toString(),
                "--report", report.toString()}, {"--verbose", "send", "--as-of", Scenario.AS_OF.toString()}}) {
            Result run = command.run(args);

            assertThat(run.exitCode()).as(run.toString()).isEqualTo(exit);
            assertThat(run.output()).as(run.toString()).doesNotContain(PASSWORD);
            if (exit != 0) assertThat(run.output()).containsIgnoringCase("jdbc:");
            Processes.assertNoSecret(run, db);
        }
        assertThat(read(report)).doesNotContain(PASSWORD);
        assertThat(db.ledgerText()).doesNotContain(PASSWORD);
        assertThat(braze.requests().toString()).doesNotContain(PASSWORD);
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
