package io.licensenotify.cli;

import io.licensenotify.cli.config.Config;
import io.licensenotify.cli.config.Keys;
import io.licensenotify.cli.wiring.AppFactory;
import io.licensenotify.domain.Shard;
import io.licensenotify.ports.in.RunReport;
import io.licensenotify.ports.in.SendNotificationsUseCase;
import io.licensenotify.ports.in.StopSignal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;

/** The daily job: decide which emails are due, send each once, print the report, exit 0 or 1. */
@Command(name = "send-license-consumption-notifications", aliases = "send", mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
                "The daily job: emails enterprise admins about their license utilization, each email once.",
                "For every enterprise with auto-assign licenses, emails its admins through Braze when utilization reaches a threshold (once each) and the weekly digest (once a week), records every delivery so that nothing is sent twice, and prints a summary of the run. Needs the database, LMS, Braze and campaign configuration (see 'license-notify check')."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:all due emails were delivered (or nothing was due)",
                "1:some deliveries or enterprises failed or are uncertain, or an enterprise asked for by --enterprise is unknown; the others were sent",
                "2:bad configuration or usage; nothing was sent"})
final class SendCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(SendCommand.class);

    @ParentCommand
    LicenseNotifyCommand root;

    @Spec
    CommandSpec spec;

    @Option(names = "--as-of", paramLabel = "DATE", converter = IsoDate.class,
            description = "Evaluate as of this date (yyyy-MM-dd) in notify.zone. Default: today in notify.zone.")
    LocalDate asOf;

    @Option(names = "--dry-run",
            description = "Decide and print what would be sent; claim nothing, send nothing.")
    boolean dryRun;

    @Option(names = "--report", paramLabel = "FILE",
            description = {"Also write the run report as JSON to FILE, replacing it (a regular file only: a symlink or"
                    + " a device is refused); - writes it to standard output, and the summary to standard error."})
    Path report;

    @Option(names = "--enterprise", paramLabel = "UUID", converter = Converters.Uuids.class,
            description = "Only this enterprise (repeatable): the whole pipeline for it, with the same ledger and"
                    + " guarantees. One that license-manager does not know, or without an auto-assign plan, is named"
                    + " in the summary.")
    List<UUID> enterprises = new ArrayList<>();

    @Option(names = "--shard", paramLabel = "I/N",
            description = "Only shard I of N (0 <= I < N): the enterprises whose uuid's first 8 hex digits modulo N"
                    + " are I, and the stale claims of those. Wins over notify.shards with JOB_COMPLETION_INDEX (a"
                    + " Kubernetes Indexed Job's); N must then equal notify.shards. Not with --enterprise.")
    String shard;

    @Override
    public Integer call() {
        // every log line of the run carries its id, from the first (the configuration's warnings) to the last
        String runId = UUID.randomUUID().toString();
        try (MDC.MDCCloseable logged = MDC.putCloseable("run_id", runId)) {
            return send(runId);
        }
    }

    private int send(String runId) {
        long began = System.nanoTime();
        if (report != null)
            ReportFile.problem(report).ifPresent(problem -> {
                throw new ParameterException(spec.commandLine(), "--report " + report + ": " + problem);
            });
        Config config = root.config(Config.Needs.EVERYTHING);
        Shard part;
        try {
            part = ShardChoice.choose(Optional.ofNullable(shard), config.get(Keys.NOTIFY_SHARDS),
                    root.environment().env(), !enterprises.isEmpty());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        part.label().ifPresent(label -> MDC.put("shard", label));
        try {
            return send(runId, began, config, part);
        } finally {
            MDC.remove("shard");
        }
    }

    private int send(String runId, long began, Config config, Shard part) {
        // a dry run, or an ad-hoc run of named enterprises, is no run of the daily job: it leaves the operators'
        // metrics alone (docs/operating.md "Metrics and alerts")
        OperatorMetrics metrics = dryRun || !enterprises.isEmpty() ? OperatorMetrics.NONE : new OperatorMetrics(
                OperatorMetrics.textfileOf(config.get(Keys.METRICS_TEXTFILE), part),
                config.get(Keys.METRICS_PUSHGATEWAY_URL),
                part.label().map(label -> Map.of("shard", label)).orElse(Map.of()), Keys.kinds(config));
        AppFactory.SendApp app;
        String ledger;
        RunReport result;
        LocalDate day = asOf != null ? asOf : LocalDate.now(root.environment().clock().withZone(config.get(Keys.ZONE)));
        boolean started = false;
        try {
            app = root.apps().send(config, dryRun);
            // The ledger's tables are ours: create or upgrade them before the first claim (idempotent,
            // Flyway-locked); a dry run only reads, and says how the ledger is
            ledger = app.migration().migrate();
            log.info("{}", ledger);
            started = true;
            StopSignal stop = new StopSignal();
            try (GracefulStop signals = GracefulStop.install(stop, config.get(Keys.SHUTDOWN_GRACE),
                    app.cancelDatabaseWork())) {
                result = app.useCase().run(SendNotificationsUseCase.Request.of(day).withDryRun(dryRun)
                        .withObserver(new SendObserver(System::nanoTime)).withStop(stop).withRunId(runId)
                        .withEnterprises(Set.copyOf(enterprises)).withShard(part));
            }
        } catch (RuntimeException | Error e) {
            if (!started && e instanceof RuntimeException notRun) notStarted(runId, day, part, config, notRun, since(began));
            // the metrics still tell that this run failed (exit 1, as the error handler exits)
            metrics.export(Optional.empty(), 1, root.environment().clock().instant(), since(began))
                    .forEach(problem -> log.warn("{}", problem));
            throw e;
        }

        int exit = result.hasProblems() || result.missedWhatWasAsked() ? 1 : 0;
        for (String problem : metrics.export(Optional.of(result), exit, root.environment().clock().instant(),
                since(began))) {
            log.warn("{}", problem);
            result = result.withWarning(problem);
        }
        String reportProblem = null;
        boolean reportToStdout = ReportFile.STANDARD_OUTPUT.equals(report);
        if (reportToStdout) {
            root.environment().out().println(ReportPrinter.json(result, RunMetrics.measure(app.meters())));
            root.environment().out().flush();
        } else if (report != null) {
            try {
                ReportPrinter.writeJson(result, RunMetrics.measure(app.meters()), report);
            } catch (UncheckedIOException e) {
                reportProblem = e.getMessage();
                if (exit == 0) metrics.export(Optional.of(result), exit = 1, root.environment().clock().instant(),
                        since(began)).forEach(problem -> log.warn("{}", problem));
            }
        }
        PrintWriter out = reportToStdout ? root.environment().err() : root.environment().out();
        if (dryRun) out.println("Ledger: " + ledger);
        out.print(ReportPrinter.summary(result));
        if (reportProblem != null) out.println("Report: " + reportProblem);
        out.print(reportProblem != null && !result.hasProblems()
                ? "Result: PROBLEMS: everything due was delivered, but the report file was not written (exit 1)\n"
                : ReportPrinter.result(result));
        out.flush();
        return exit;
    }

    /**
     * A run that could not start (its database unreachable, its ledger not migrated) still leaves its trace: the
     * {@code --report} JSON ({@code complete: false}) and the run-error email, both naming the cause. The error
     * handler then prints the cause and exits 1.
     */
    private void notStarted(String runId, LocalDate day, Shard part, Config config, RuntimeException e, Duration took) {
        String why = root.masked(Printable.of(LicenseNotify.oneLine(e)));
        RunReport notStarted = RunReport.notStarted(runId, day, dryRun, part, why, took);
        if (!dryRun) {
            try {
                root.apps().errorReporter(config).report(notStarted.errors())
                        .ifPresent(problem -> log.warn("the run-error email was not sent: {}", problem));
            } catch (RuntimeException notSent) {
                log.warn("the run-error email was not sent: {}", root.masked(Printable.of(LicenseNotify.oneLine(notSent))));
            }
        }
        PrintWriter out = ReportFile.STANDARD_OUTPUT.equals(report) ? root.environment().err() : root.environment().out();
        if (ReportFile.STANDARD_OUTPUT.equals(report)) {
            root.environment().out().println(ReportPrinter.json(notStarted));
            root.environment().out().flush();
        } else if (report != null) {
            try {
                ReportPrinter.writeJson(notStarted, report);
            } catch (UncheckedIOException notWritten) {
                out.println("Report: " + notWritten.getMessage());
            }
        }
        out.println("Result: NOT STARTED: the run could not start, so nothing was evaluated, claimed or sent"
                + (dryRun ? "" : "; the run-error email names the cause") + " (exit 1)");
        out.flush();
    }

    private static Duration since(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }
}
