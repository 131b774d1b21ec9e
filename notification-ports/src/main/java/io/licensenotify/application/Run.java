package io.licensenotify.application;

import io.licensenotify.domain.AsOf;
import io.licensenotify.domain.DeliveryState;
import io.licensenotify.domain.UncertainPolicy;
import io.licensenotify.ports.failure.FailureKind;
import io.licensenotify.ports.in.RunReport;
import io.licensenotify.ports.in.SendNotificationsUseCase.Request;
import io.licensenotify.ports.in.RunObserver.Fate;
import io.licensenotify.ports.out.EnterpriseLicenses;
import io.licensenotify.ports.out.StaleClaim;
import io.licensenotify.text.SafeText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * One execution: its id, its day, its tally, and the loop over enterprises. Work stops being started when the
 * caller asks ({@link io.licensenotify.ports.in.StopSignal}), when a worker meets an {@link Error}, or when license
 * data cannot be read any more; in every case the run still returns its report.
 */
final class Run {
    private static final Logger log = LoggerFactory.getLogger(Run.class);

    private final SendNotificationsService.Ports ports;
    private final RunSettings settings;
    private final Clock clock;
    private final Request request;
    private final String runId;
    private final AsOf day;
    private final Tally tally;
    private final Outbox outbox;
    private final EnterpriseRun enterpriseRun;

    Run(SendNotificationsService.Ports ports, RunSettings settings, Clock clock, Request request, String runId) {
        this.ports = ports;
        this.settings = settings;
        this.clock = clock;
        this.request = request;
        this.runId = runId;
        this.day = new AsOf(request.asOf(), ports.rules().zone());
        this.tally = new Tally(request.observer());
        this.outbox = new Outbox(ports, request, settings, runId, tally);
        this.enterpriseRun = new EnterpriseRun(ports, request, runId, day, tally, outbox,
                new Permits(settings.concurrency(), request.stop()));
    }

    RunReport execute() {
        try (LogContext.Scope logged = LogContext.run(runId, request.shard())) {
            return executeLogged();
        }
    }

    private RunReport executeLogged() {
        Instant started = clock.instant();
        long requestsBefore = ports.messenger().requestsMade();
        log.info("run {} starts: as of {}{}{}, concurrency {}", runId, day.date(),
                request.shard().label().map(s -> ", shard " + s).orElse(""),
                request.dryRun() ? " (dry run)" : "", settings.concurrency());
        long expected = 0;
        try {
            if (!request.dryRun()) sweepStaleClaims();
            expected = request.only().isEmpty() ? ports.enterprises().countWithCandidatePlans(day, request.shard())
                    : request.only().size();
            request.observer().started(expected);
            enterpriseRun.suppressions(ports.suppressions().all());
            processAll(expected);
        } catch (RuntimeException | Error e) {
            // the sweep, the count or the stream of license data failed: what was done so far is still reported
            request.stop().stop("the run could not go on: " + describe(e));
            log.warn("run {} stops early: {}", runId, SafeText.withoutEmails(describe(e)));
            log.debug("run {} stop detail", runId, e);
        }
        if (request.stop().abortRequested()) outbox.abandon();
        outbox.close();

        RunReport.Scope scope = new RunReport.Scope(runId, day.date(), request.dryRun(), request.shard(),
                Duration.between(started, clock.instant()));
        RunReport counted = tally.report(scope, ports.messenger().requestsMade() - requestsBefore,
                request.stop().reason(), expected, request.only());
        RunReport report = !request.dryRun() && counted.hasProblems() ? notifyErrors(counted) : counted;
        RunReport.KindCounts sum = report.total();
        log.info("run {} {}: {} enterprises, {} due, {} sent, {} failed, {} uncertain, {} superseded", runId,
                report.complete() ? "done" : "stopped early", report.enterprises().seen(), sum.due(), sum.sent(),
                sum.failed(), sum.uncertain(), sum.superseded());
        return report;
    }

    private void sweepStaleClaims() {
        UncertainPolicy policy = settings.uncertainPolicy();
        // a run for named enterprises sweeps only theirs: another enterprise's stale claim is left for the daily
        // run (or shard) that owns it, whose report and run-error email name it
        List<StaleClaim> stale = request.only().isEmpty()
                ? ports.ledger().sweepStaleClaims(settings.claimLease(), policy, request.shard())
                : ports.ledger().sweepStaleClaims(settings.claimLease(), policy, request.only());
        long uncertain = 0;
        for (StaleClaim claim : stale) {
            if (claim.becomes() != DeliveryState.UNCERTAIN) continue;
            uncertain++;
            tally.delivery(claim.key(), Fate.UNCERTAIN, FailureKind.STALE_CLAIM, "claimed by run " + claim.runId()
                    + " at " + claim.claimedAt() + " and marked as sending, but never settled: whether it was sent"
                    + " is unknown, so it is not sent again");
        }
        if (!stale.isEmpty())
            log.warn("{} claims older than {} were left by a run that died: {} released to be sent, {} uncertain",
                    stale.size(), settings.claimLease(), stale.size() - uncertain, uncertain);
    }

    /**
     * Reads license data on this thread, a window of enterprises at a time with their ledger records (one read for
     * the window), and hands each enterprise to a worker, until the end or a stop. Enterprises read before the
     * stream fails are still handed over.
     */
    private void processAll(long total) {
        AtomicLong done = new AtomicLong();
        Runnable progress = () -> request.observer().enterpriseDone(done.incrementAndGet(), total);
        int size = Math.min(WINDOW_MAX, 2 * settings.concurrency());
        RuntimeException streamFailed = null;
        try (Stream<EnterpriseLicenses> stream = request.only().isEmpty()
                ? ports.enterprises().withCandidatePlans(day, request.shard())
                : ports.enterprises().of(request.only(), day);
             Workers workers = new Workers(settings.concurrency(), request.stop())) {
            Iterator<EnterpriseLicenses> enterprises = stream.iterator();
            while (streamFailed == null && !request.stop().stopRequested()) {
                List<EnterpriseLicenses> window = new ArrayList<>(size);
                try {
                    while (window.size() < size && enterprises.hasNext()) window.add(enterprises.next());
                } catch (RuntimeException e) {
                    streamFailed = e;
                }
                if (window.isEmpty()) break;
                LedgerWindow recorded = LedgerWindow.read(ports.ledger(), window);
                for (EnterpriseLicenses licenses : window)
                    if (!workers.submit(() -> enterpriseRun.process(licenses, recorded), progress)) return;
            }
        } finally {
            // every enterprise handed over is done: no one is left to add to a request forming (after a stop,
            // what is forming is released)
            if (!request.stop().abortRequested()) outbox.flush();
        }
        if (streamFailed != null) throw streamFailed;
    }

    /** Enterprises per ledger read: twice the concurrency (half of what the workers hold), within this bound. */
    private static final int WINDOW_MAX = 500;

    /** Sends the run-error notification; when it cannot go out, the report says so. */
    private RunReport notifyErrors(RunReport report) {
        Optional<String> problem;
        try {
            problem = ports.errorReporter().report(report.errors());
        } catch (RuntimeException e) {
            problem = Optional.of(describe(e));
        }
        return problem.map(p -> report.withWarning("the run-error email was not sent: " + SafeText.withoutEmails(p)))
                .orElse(report);
    }

    static String describe(Throwable thrown) {
        Throwable e = original(thrown);
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    /**
     * What happened: a try-with-resources that meets the same error again while closing (when the heap is exhausted
     * the JVM throws one preallocated {@link OutOfMemoryError}) throws an IllegalArgumentException instead, with that
     * error as its cause. Whoever tells an Error from an exception asks this first, so that such an Error still
     * stops the run.
     */
    static Throwable original(Throwable e) {
        return e instanceof IllegalArgumentException && e.getCause() != null
                && "Self-suppression not permitted".equals(e.getMessage()) ? e.getCause() : e;
    }
}
