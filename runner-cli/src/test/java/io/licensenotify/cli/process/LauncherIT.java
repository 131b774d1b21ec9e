package io.licensenotify.cli.process;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The launcher cron calls ({@code ./license-notify}) and the class archive the build trains beside the jar (README,
 * "Start-up"): java loads the product's classes from the archive, and an archive java cannot use (made for another
 * jar, or damaged) costs nothing but the time: the command still works and says nothing about it.
 */
class LauncherIT {
    private static final Path LAUNCHER = Path.of("..", "license-notify").toAbsolutePath().normalize();
    private static final Path JAR = Path.of(System.getProperty("license-notify.jar"));
    private static final Path ARCHIVE = JAR.resolveSibling("license-notify.jsa");
    private static final String MAIN_FROM_ARCHIVE = "io.licensenotify.cli.Main source: shared objects file";

    @TempDir
    Path dir;

    @Test
    void theBuildTrainsAnArchiveAndTheLauncherLoadsTheProductsClassesFromIt() throws Exception {
        assertThat(ARCHIVE).as("the build's class archive (see %s)", JAR.resolveSibling("license-notify-training.log"))
                .isRegularFile();

        Run run = launch(LAUNCHER, dir.resolve("classes.txt"), "");

        assertThat(run.exit).as(run.toString()).isZero();
        assertThat(run.stdout).as(run.toString()).startsWith("license-notify ");
        assertThat(run.stderr).as(run.toString()).isEmpty();
        assertThat(Files.readString(dir.resolve("classes.txt"))).contains(MAIN_FROM_ARCHIVE);
    }

    @Test
    void anArchiveMadeForAnotherJarOrDamagedIsLeftAsideWithoutAWord() throws Exception {
        String expected = launch(LAUNCHER, dir.resolve("reference.txt"), "").stdout;
        // the same launcher, jar and archive in another folder: the archive names the jar's first path
        Path copy = installedCopy(dir.resolve("elsewhere"));
        Files.copy(ARCHIVE, copy.resolve("runner-cli/target/license-notify.jsa"));

        Run moved = launch(copy.resolve("license-notify"), dir.resolve("moved.txt"), "");

        assertThat(moved.exit).as(moved.toString()).isZero();
        assertThat(moved.stdout).isEqualTo(expected);
        assertThat(moved.stderr).as(moved.toString()).isEmpty();
        assertThat(Files.readString(dir.resolve("moved.txt"))).doesNotContain(MAIN_FROM_ARCHIVE);

        Files.writeString(copy.resolve("runner-cli/target/license-notify.jsa"), "not an archive");
        Run damaged = launch(copy.resolve("license-notify"), dir.resolve("damaged.txt"), "");

        assertThat(damaged.exit).as(damaged.toString()).isZero();
        assertThat(damaged.stdout).isEqualTo(expected);
        assertThat(damaged.stderr).as(damaged.toString()).isEmpty();
    }

    @Test
    void withoutAnArchiveTheLauncherStartsAsBefore() throws Exception {
        Path copy = installedCopy(dir.resolve("bare"));

        Run run = launch(copy.resolve("license-notify"), dir.resolve("classes.txt"), "");

        assertThat(run.exit).as(run.toString()).isZero();
        assertThat(run.stdout).startsWith("license-notify ");
        assertThat(run.stderr).as(run.toString()).isEmpty();
        assertThat(Files.readString(dir.resolve("classes.txt"))).doesNotContain(MAIN_FROM_ARCHIVE);
    }

    @Test
    void javaOptionsThatWriteAnArchiveTakeThePlaceOfTheBuildsOne() throws Exception {
        Path written = dir.resolve("own.jsa");

        // java refuses to read one dynamic archive and write another in the same run
        Run run = launch(LAUNCHER, dir.resolve("classes.txt"),
                "-XX:ArchiveClassesAtExit=" + written + " -Xlog:cds=off -Xlog:cds+dynamic=off");

        assertThat(run.exit).as(run.toString()).isZero();
        assertThat(run.stdout).startsWith("license-notify ");
        assertThat(written).isNotEmptyFile();
    }

    /** The launcher and the jar, as an operator would install them in {@code root}, without an archive. */
    private static Path installedCopy(Path root) throws IOException {
        Files.createDirectories(root.resolve("runner-cli/target"));
        Files.copy(LAUNCHER, root.resolve("license-notify"), StandardCopyOption.COPY_ATTRIBUTES);
        Files.copy(JAR, root.resolve("runner-cli/target/license-notify.jar"), StandardCopyOption.COPY_ATTRIBUTES);
        return root;
    }

    /** {@code launcher --version}, java logging which file each class came from into {@code classes}. */
    private static Run launch(Path launcher, Path classes, String javaOptions) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(launcher.toString(), "--version");
        pb.environment().put("JAVA_OPTS", ("-Xlog:class+load=info:file=" + classes + " " + javaOptions).strip());
        Path out = Files.createTempFile(classes.getParent(), "stdout", ".txt");
        Path err = Files.createTempFile(classes.getParent(), "stderr", ".txt");
        Process process = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(launcher + " --version did not end within 60 s");
        }
        return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private record Run(int exit, String stdout, String stderr) {
    }
}
