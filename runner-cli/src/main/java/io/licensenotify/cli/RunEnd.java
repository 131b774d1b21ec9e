package io.licensenotify.cli;

import io.licensenotify.cli.wiring.Meters;
import io.licensenotify.ports.in.RunReport;
import org.slf4j.Logger;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How a send run ends, whichever way it ends, in one place: the operators' metrics (docs/operating.md "Metrics and
 * alerts"), the report ({@code --report}'s file, or standard output with the summary on standard error), the summary
 * and the exit status. A run that failed, started or not, exits 1 through the error handler, which prints the cause.
 *
 * @param began {@link System#nanoTime()} when the command began, before its configuration was read
 * @param log   the command's logger, which names the lines of the whole run
 */
record RunEnd(OperatorMetrics metrics, Optional<Path> report, boolean dryRun, CliEnvironment environment, long began,
              Logger log) {
    /** How long the command has taken so far: its configuration, connections, migration and run. */
    Duration took() {
        return Duration.ofNanos(System.nanoTime() - began);
    }

    /**
     * A run that completed: the metrics' problems become the report's warnings. Exits 1 when the run has problems
     * or its report file could not be written, else 0.
     *
     * @param ledger how the ledger is, which a dry run prints
     */
    int completed(RunReport result, String ledger, Meters meters) {
        int exit = result.hasProblems() || result.missedWhatWasAsked() ? 1 : 0;
        for (String problem : exportMetrics(Optional.of(result), exit)) result = result.withWarning(problem);
        Optional<String> reportProblem = writeReport(result, Optional.of(meters));
        if (reportProblem.isPresent() && exit == 0) exportMetrics(Optional.of(result), exit = 1);
        PrintWriter out = summaryStream();
        if (dryRun) out.println("Ledger: " + ledger);
        out.print(ReportPrinter.summary(result));
        reportProblem.ifPresent(problem -> out.println("Report: " + problem));
        out.print(reportProblem.isPresent() && !result.hasProblems()
                ? "Result: PROBLEMS: everything due was delivered, but the report file was not written (exit 1)\n"
                : ReportPrinter.result(result));
        out.flush();
        return exit;
    }

    /**
     * A run that could not start (its database unreachable, its ledger not migrated) still leaves its trace: the
     * report ({@code complete: false}) names the cause.
     */
    void notStarted(RunReport notStarted) {
        PrintWriter out = summaryStream();
        writeReport(notStarted, Optional.empty()).ifPresent(problem -> out.println("Report: " + problem));
        out.println("Result: NOT STARTED: the run could not start, so nothing was evaluated, claimed or sent"
                + (dryRun ? "" : "; the run-error email names the cause") + " (exit 1)");
        out.flush();
        failed();
    }

    /** A run that failed: the metrics still tell that it did (exit 1), without its counts. */
    void failed() {
        exportMetrics(Optional.empty(), 1);
    }

    /** Writes and pushes the metrics; what could not be done is logged and returned. */
    private List<String> exportMetrics(Optional<RunReport> result, int exit) {
        List<String> problems = metrics.export(result, exit, environment.clock().instant(), took());
        problems.forEach(problem -> log.warn("{}", problem));
        return problems;
    }

    /**
     * The report where {@code --report} puts it, with what the process measured when the run had its meters.
     *
     * @return why its file could not be written
     */
    private Optional<String> writeReport(RunReport r, Optional<Meters> meters) {
        if (report.isEmpty()) return Optional.empty();
        RunMetrics measured = meters.map(RunMetrics::measure).orElse(null);
        if (report.get().equals(ReportFile.STANDARD_OUTPUT)) {
            environment.out().println(ReportPrinter.json(r, measured));
            environment.out().flush();
            return Optional.empty();
        }
        try {
            ReportPrinter.writeJson(r, measured, report.get());
            return Optional.empty();
        } catch (UncheckedIOException e) {
            return Optional.of(e.getMessage());
        }
    }

    /** Standard output, unless the report is written there. */
    private PrintWriter summaryStream() {
        return report.filter(ReportFile.STANDARD_OUTPUT::equals).isPresent() ? environment.err() : environment.out();
    }
}
