package io.licensenotify.cli.process;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.licensenotify.adapter.persistence.TestDatabase;
import io.licensenotify.cli.process.LicenseNotifyProcess.Result;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The files a run writes for others to read (docs/operating.md "Metrics and alerts"): the {@code --report} JSON and the
 * metrics textfile are created as the process's umask says, so node_exporter's own user can read them; {@code
 * --report -} is standard output; a report path that is a symlink or a device is refused before anything is sent,
 * and left as it was.
 */
class ReportFilesIT extends ProcessTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    TestDatabase target() {
        return TestDatabase.H2;
    }

    @Test
    void theReportAndTheMetricsTextfileAreCreatedWithTheUmasksPermissions() throws Exception {
        Scenario.standard().load(db, lms);
        Path report = dir.resolve("umask-report.json");
        Path textfile = dir.resolve("umask-metrics.prom");

        Result run = command().with("metrics.textfile", textfile.toString())
                .run("send", "--as-of", Scenario.AS_OF.toString(), "--report", report.toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        Set<PosixFilePermission> expected = fromUmask();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(report))).as("the report")
                .isEqualTo(PosixFilePermissions.toString(expected));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(textfile))).as("the metrics textfile")
                .isEqualTo(PosixFilePermissions.toString(expected));
    }

    @Test
    void reportDashIsStandardOutputWithTheSummaryOnStandardError() throws Exception {
        Scenario.standard().load(db, lms);

        Result run = command().run("send", "--as-of", Scenario.AS_OF.toString(), "--report", "-");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonNode json = JSON.readTree(run.stdout());
        assertThat(json.path("ok").asBoolean()).as(run.stdout()).isTrue();
        assertThat(json.path("complete").asBoolean()).isTrue();
        assertThat(run.stderr()).contains("Result: OK");
        assertThat(dir.resolve("-")).as("no file named '-'").doesNotExist();
        assertThat(braze.emails()).hasSize(7);
    }

    @Test
    void aRunWhoseDatabaseCannotBeReachedStillWritesItsReportAndSendsTheRunErrorEmail() throws Exception {
        Path report = dir.resolve("not-started-report.json");
        Files.deleteIfExists(report);
        // nothing listens on port 1: the connection is refused before the run can start
        Result run = command().with("db.url", "jdbc:postgresql://127.0.0.1:1/test")
                .run("send", "--as-of", Scenario.AS_OF.toString(), "--report", report.toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.stderr() + run.stdout()).contains("could not start");
        JsonNode json = JSON.readTree(Files.readString(report));
        assertThat(json.path("complete").asBoolean()).as(json.toString()).isFalse();
        assertThat(json.path("ok").asBoolean()).isFalse();
        assertThat(json.path("stopped_early").asText()).contains("could not start", "jdbc:postgresql://127.0.0.1:1/test");
        assertThat(braze.runErrors()).as("the run-error email").singleElement().asString().contains("could not start");
        assertThat(braze.emails()).isEmpty();
    }

    @Test
    void aReportPathThatIsASymlinkOrADeviceIsRefusedBeforeAnythingIsSentAndLeftAsItWas() throws Exception {
        Scenario.standard().load(db, lms);
        Path target = Files.writeString(dir.resolve("someone-elses-file"), "keep me");
        Path link = dir.resolve("report-link.json");
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, target);

        for (Path report : new Path[] {link, Path.of("/dev/null")}) {
            Result run = command().run("send", "--as-of", Scenario.AS_OF.toString(), "--report", report.toString());

            assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
            assertThat(run.stderr()).contains("--report " + report, "not a regular file");
        }
        assertThat(Files.isSymbolicLink(link)).as("the symlink is still a symlink").isTrue();
        assertThat(Files.readString(target)).isEqualTo("keep me");
        assertThat(Files.isRegularFile(Path.of("/dev/null"), LinkOption.NOFOLLOW_LINKS)).isFalse();
        assertThat(lms.learnerRequests()).isZero();
        assertThat(braze.requests()).isEmpty();
    }

    /** What a file created with mode 0666 gets under this process's umask (its children inherit it). */
    private static Set<PosixFilePermission> fromUmask() throws IOException, InterruptedException {
        Process shell = new ProcessBuilder("sh", "-c", "umask").start();
        int umask = Integer.parseInt(new String(shell.getInputStream().readAllBytes()).trim(), 8);
        shell.waitFor();
        Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] bits = {PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE,
                PosixFilePermission.OTHERS_READ, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE,
                PosixFilePermission.GROUP_READ, PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE,
                PosixFilePermission.OWNER_READ};
        int mode = 0666 & ~umask;
        for (int bit = 0; bit < bits.length; bit++) if ((mode & (1 << bit)) != 0) permissions.add(bits[bit]);
        return permissions;
    }
}
