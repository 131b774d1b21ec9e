package io.licensenotify.cli;

import io.licensenotify.cli.config.Config;
import io.licensenotify.cli.config.Keys;
import io.licensenotify.cli.wiring.AppFactory;
import io.licensenotify.domain.Shard;
import io.licensenotify.ports.in.RunReport;
import io.licensenotify.ports.in.SendNotificationsUseCase;
import io.licensenotify.ports.in.StopSignal;
import io.licensenotify.text.SafeText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
                "1:some deliveries or enterprises failed or are uncertain, or an enterprise asked for by --enterprise is unknown; the others were sent",
                "2:bad configuration or usage; nothing was sent"})
final class SendCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(SendCommand.class);

    private final Invocation invocation;
    private final AppFactory apps;
    private final CliEnvironment environment;

    @Spec
    CommandSpec spec;

    @Option(names = "--as-of", paramLabel = "DATE", converter = Converters.Dates.class,
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

    SendCommand(Invocation invocation, AppFactory apps, CliEnvironment environment) {
        this.invocation = invocation;
        this.apps = apps;
        this.environment = environment;
    }

    @Override
    public Integer call() {
        // every log line of the run carries its id, from the first (the configuration's warnings) to the last
        String runId = UUID.randomUUID().toString();
        try (MDC.MDCCloseable logged = MDC.putCloseable("run_id", runId)) {
            long began = System.nanoTime();
            if (report != null)
                ReportFile.problem(report).ifPresent(problem -> {
                    throw new ParameterException(spec.commandLine(), "--report " + report + ": " + problem);
                });
            Config config = invocation.config(Config.Needs.EVERYTHING);
            Shard part = shard(config);
            part.label().ifPresent(label -> MDC.put("shard", label));
            try {
                return send(runId, config, part, began);
            } finally {
                MDC.remove("shard");
            }
        }
    }

    private Shard shard(Config config) {
        try {
            return ShardChoice.choose(Optional.ofNullable(shard), config.get(Keys.NOTIFY_SHARDS), environment.env(),
                    !enterprises.isEmpty());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /** The run, from the ledger's migration to its end ({@link RunEnd}), whichever way it ends. */
    private int send(String runId, Config config, Shard part, long began) {
        // a dry run, or an ad-hoc run of named enterprises, is no run of the daily job: it leaves the operators'
        // metrics alone (docs/operating.md "Metrics and alerts")
        OperatorMetrics metrics = dryRun || !enterprises.isEmpty() ? OperatorMetrics.NONE : new OperatorMetrics(
                OperatorMetrics.textfileOf(config.get(Keys.METRICS_TEXTFILE), part),
                config.get(Keys.METRICS_PUSHGATEWAY_URL),
                part.label().map(label -> Map.of("shard", label)).orElse(Map.of()), Keys.kinds(config));
        RunEnd end = new RunEnd(metrics, Optional.ofNullable(report), dryRun, environment, began, log);
        LocalDate day = asOf != null ? asOf : LocalDate.now(environment.clock().withZone(config.get(Keys.ZONE)));
        AppFactory.SendApp app;
        String ledger;
        RunReport result;
        boolean started = false;
        try {
            app = apps.send(config, dryRun);
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
            if (!started && e instanceof RuntimeException notRun)
                end.notStarted(notStarted(runId, day, part, config, notRun, end.took()));
            else end.failed();
            throw e;
        }
        return end.completed(result, ledger, app.meters());
    }

    /**
     * The report of a run that could not start (its database unreachable, its ledger not migrated), naming the
     * cause, which the run-error email tells too.
     */
    private RunReport notStarted(String runId, LocalDate day, Shard part, Config config, RuntimeException e,
                                 Duration took) {
        String why = invocation.masked(SafeText.printable(ErrorLine.of(e)));
        RunReport notStarted = RunReport.notStarted(runId, day, dryRun, part, why, took);
        if (!dryRun) {
            try {
                apps.errorReporter(config).report(notStarted.errors())
                        .ifPresent(problem -> log.warn("the run-error email was not sent: {}", problem));
            } catch (RuntimeException notSent) {
                log.warn("the run-error email was not sent: {}", invocation.masked(SafeText.printable(ErrorLine.of(notSent))));
            }
        }
        return notStarted;
    }
}
