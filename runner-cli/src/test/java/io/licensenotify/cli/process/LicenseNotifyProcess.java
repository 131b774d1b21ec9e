package io.licensenotify.cli.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The built jar ({@code runner-cli/target/license-notify.jar}) started as cron starts it: {@code java -jar} in its own
 * process, with a properties file ({@code --config}) and an environment of its own (nothing inherited but what a
 * JVM needs), stdout and stderr captured to files. Every wait is bounded; a process that overstays is killed and the
 * test fails with its output.
 */
final class LicenseNotifyProcess {
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(90);
    private static final AtomicInteger STARTED = new AtomicInteger();
    /** What the JVM itself needs from the caller's environment; everything else (CI, BRAZE_*, DB_*) stays out. */
    private static final List<String> INHERITED = List.of("PATH", "HOME", "TMPDIR", "LANG", "LC_ALL", "JAVA_HOME");

    private final Path dir;
    private final Map<String, String> properties = new LinkedHashMap<>();
    private final Map<String, String> env = new LinkedHashMap<>();
    private final List<String> jvmExtra = new ArrayList<>();

    private LicenseNotifyProcess(Path dir) {
        this.dir = dir;
    }

    /** A process configured in {@code dir}, where its configuration and output files go. */
    static LicenseNotifyProcess in(Path dir) {
        return new LicenseNotifyProcess(dir);
    }

    static Path jar() {
        Path jar = Path.of(System.getProperty("license-notify.jar", "target/license-notify.jar"));
        if (!Files.isRegularFile(jar))
            throw new IllegalStateException(jar.toAbsolutePath() + " does not exist: run './mvnw -B verify' (the "
                    + "process tests need the jar that 'package' builds)");
        return jar;
    }

    LicenseNotifyProcess with(Map<String, String> values) {
        properties.putAll(values);
        return this;
    }

    LicenseNotifyProcess with(String key, String value) {
        properties.put(key, value);
        return this;
    }

    LicenseNotifyProcess without(String key) {
        properties.remove(key);
        return this;
    }

    LicenseNotifyProcess env(String name, String value) {
        env.put(name, value);
        return this;
    }

    /** A JVM option after the standard ones, e.g. a smaller heap. */
    LicenseNotifyProcess jvmOption(String option) {
        jvmExtra.add(option);
        return this;
    }

    /** A copy to vary without changing this one. */
    LicenseNotifyProcess copy() {
        LicenseNotifyProcess copy = new LicenseNotifyProcess(dir);
        copy.properties.putAll(properties);
        copy.env.putAll(env);
        copy.jvmExtra.addAll(jvmExtra);
        return copy;
    }

    /** Runs a command to its end, at most {@link #DEFAULT_TIMEOUT}. */
    Result run(String... args) {
        return start(args).await(DEFAULT_TIMEOUT);
    }

    Running start(String... args) {
        int n = STARTED.incrementAndGet();
        Path config = dir.resolve("config-" + n + ".properties");
        Path out = dir.resolve("stdout-" + n + ".txt");
        Path err = dir.resolve("stderr-" + n + ".txt");
        writeProperties(config);
        List<String> command = new ArrayList<>(jvm());
        command.addAll(jvmExtra);
        command.addAll(List.of("-jar", jar().toAbsolutePath().toString(), "--config", config.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        Map<String, String> environment = builder.environment();
        environment.keySet().retainAll(INHERITED);
        environment.putAll(env);
        try {
            return new Running(builder.start(), String.join(" ", args), out, err);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    /**
     * A short-lived command: start fast, stay small (CI has 2 cores). With the class archive the build trains beside
     * the jar (README, "Start-up"), as the launcher starts it; without one (a build with
     * {@code -DclassArchive.skip=true}) a little slower, nothing else changes.
     */
    private static synchronized List<String> jvm() {
        if (jvmOptions != null) return jvmOptions;
        List<String> options = new ArrayList<>(List.of(javaBinary(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-Xss512k", "-Xmx256m", "-Xshare:auto", "-Xlog:cds=off", "-Xlog:cds+dynamic=off"));
        Path archive = jar().toAbsolutePath().resolveSibling("license-notify.jsa");
        if (Files.exists(archive)) options.add("-XX:SharedArchiveFile=" + archive);
        jvmOptions = List.copyOf(options);
        return jvmOptions;
    }

    private static List<String> jvmOptions;

    private void writeProperties(Path file) {
        Properties p = new Properties();
        p.putAll(properties);
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            p.store(w, "license-notify process test");
            // it holds secrets: readable by its owner only, as the README asks (else every run warns)
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String javaBinary() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /** A started process. */
    static final class Running {
        private final Process process;
        private final String args;
        private final Path out;
        private final Path err;

        Running(Process process, String args, Path out, Path err) {
            this.process = process;
            this.args = args;
            this.out = out;
            this.err = err;
        }

        long pid() {
            return process.pid();
        }

        boolean isAlive() {
            return process.isAlive();
        }

        /** What the process printed on stdout so far. */
        String stdout() {
            return read(out);
        }

        /** Waits for the end, at most {@code timeout}; a process still running then is killed and the test fails. */
        Result await(Duration timeout) {
            try {
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                    throw new AssertionError("license-notify " + args + " did not end within " + timeout
                            + "; killed.\nstdout:\n" + read(out) + "\nstderr:\n" + read(err));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
                throw new AssertionError("interrupted while waiting for license-notify " + args, e);
            }
            return new Result(args, process.exitValue(), read(out), read(err));
        }

        /** SIGTERM, what Kubernetes and systemd send first. */
        void terminate() {
            process.destroy();
        }

        /** SIGKILL: no shutdown hook, no finally, as when the machine dies or the OOM killer strikes. */
        Result kill() {
            process.destroyForcibly();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS))
                    throw new AssertionError("license-notify " + args + " survived SIGKILL for 10 s");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while killing license-notify " + args, e);
            }
            return new Result(args, process.exitValue(), read(out), read(err));
        }

        private static String read(Path file) {
            try {
                return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** How a process ended and what it printed. */
    record Result(String args, int exitCode, String stdout, String stderr) {
        /** Everything it printed, for assertions on secrets and for failure messages. */
        String output() {
            return stdout + stderr;
        }

        @Override
        public String toString() {
            return "license-notify " + args + " exited " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }
}
