package io.licensenotify.cli;

import io.licensenotify.cli.config.Config;
import io.licensenotify.cli.config.Keys;
import io.licensenotify.cli.wiring.AppFactory;
import io.licensenotify.ports.in.RunReport;
import io.licensenotify.ports.in.SendNotificationsUseCase;
import io.licensenotify.ports.in.StopSignal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
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
                "1:some deliveries or enterprises failed or are uncertain; the others were sent",
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
            description = "Also write the run report as JSON to FILE.")
    Path report;

    @Option(names = "--enterprise", paramLabel = "UUID", converter = HistoryCommand.UuidConverter.class,
            description = "Only this enterprise (repeatable): the whole pipeline for it, with the same ledger and"
                    + " guarantees. One that license-manager does not know, or without an auto-assign plan, is named"
                    + " in the summary.")
    List<UUID> enterprises = new ArrayList<>();

    @Override
    public Integer call() {
        if (report != null)
            ReportFile.problem(report).ifPresent(problem -> {
                throw new ParameterException(spec.commandLine(), "--report " + report + ": " + problem);
            });
        Config config = root.config(Config.Needs.EVERYTHING);
        AppFactory.SendApp app = root.apps().send(config);
        // The ledger's tables are ours: create or upgrade them before the first claim (idempotent, Flyway-locked).
        log.info("{}", app.migration().migrate());
        LocalDate day = asOf != null ? asOf : LocalDate.now(root.environment().clock().withZone(config.get(Keys.ZONE)));
        SendObserver observer = new SendObserver(System::nanoTime);
        log.info("run as of {} in {} started{}", day, config.get(Keys.ZONE), dryRun ? " (dry run)" : "");

        StopSignal stop = new StopSignal();
        RunReport result;
        try (GracefulStop signals = GracefulStop.install(stop, config.get(Keys.SHUTDOWN_GRACE))) {
            result = app.useCase().run(new SendNotificationsUseCase.Request(day, dryRun, observer, stop)
                    .only(Set.copyOf(enterprises)));
        }

        String reportProblem = null;
        if (report != null) {
            try {
                ReportPrinter.writeJson(result, RunMetrics.measure(app.meters()), report);
            } catch (UncheckedIOException e) {
                reportProblem = e.getMessage();
            }
        }
        PrintWriter out = root.environment().out();
        out.print(ReportPrinter.summary(result));
        if (reportProblem != null) out.println("Report: " + reportProblem);
        out.print(reportProblem != null && !result.hasProblems()
                ? "Result: PROBLEMS: everything due was delivered, but the report file was not written (exit 1)\n"
                : ReportPrinter.result(result));
        out.flush();
        log.info("run {} as of {} {}: {} accepted Braze requests, {} failures, {} uncertain", result.runId(), day,
                result.complete() ? "done" : "stopped early", result.messagesSent(), result.failures().size(),
                result.uncertain().size());
        return result.hasProblems() || reportProblem != null ? 1 : 0;
    }
}
