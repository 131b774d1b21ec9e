package io.licensenotify.application;

import io.licensenotify.domain.AsOf;
import io.licensenotify.domain.AutoAssignPlan;
import io.licensenotify.domain.Admin;
import io.licensenotify.domain.Decision;
import io.licensenotify.domain.Delivery;
import io.licensenotify.domain.DeliveryKey;
import io.licensenotify.domain.Eligibility;
import io.licensenotify.domain.Enterprise;
import io.licensenotify.domain.NotificationKind;
import io.licensenotify.domain.NotificationRules;
import io.licensenotify.domain.Plan;
import io.licensenotify.domain.SkipReason;
import io.licensenotify.domain.SkippedAdmin;
import io.licensenotify.ports.in.RunObserver;
import io.licensenotify.ports.in.RunObserver.Fate;
import io.licensenotify.ports.in.RunReport;
import io.licensenotify.ports.in.RunReport.Failure;
import io.licensenotify.ports.in.SendNotificationsUseCase;
import io.licensenotify.ports.out.AdminLookupException;
import io.licensenotify.ports.out.Admins;
import io.licensenotify.ports.out.DeliveryLedger;
import io.licensenotify.ports.out.EnterpriseLicenses;
import io.licensenotify.ports.out.Enterprises;
import io.licensenotify.ports.out.ErrorReporter;
import io.licensenotify.ports.out.Message;
import io.licensenotify.ports.out.Messenger;
import io.licensenotify.ports.out.SendOutcome;
import io.licensenotify.ports.out.StaleClaim;
import io.licensenotify.ports.out.StorageException;
import io.licensenotify.ports.out.UncertainPolicy;
import jakarta.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Drives a run: load, decide, claim, send, settle, report. Enterprises are processed concurrently (bounded by
 * {@link RunSettings#concurrency()}); one enterprise's or admin's failure never stops the others and lands in the
 * report. Deliveries follow DESIGN "Delivery semantics": claimed as pending before the send, settled after it, so
 * that of two overlapping runs only one sends each email, and a run that dies mid-send leaves claims that the next
 * run reports as uncertain instead of sending again.
 */
public final class SendNotificationsService implements SendNotificationsUseCase {
    private static final Logger log = LoggerFactory.getLogger(SendNotificationsService.class);

    private final Enterprises enterprises;
    private final Admins admins;
    private final Messenger messenger;
    private final DeliveryLedger ledger;
    private final ErrorReporter errorReporter;
    private final Eligibility eligibility;
    private final NotificationRules rules;
    private final RunSettings settings;
    private final Clock clock;

    @Inject
    public SendNotificationsService(Enterprises enterprises, Admins admins, Messenger messenger, DeliveryLedger ledger,
                                    ErrorReporter errorReporter, NotificationRules rules, RunSettings settings,
                                    Clock clock) {
        this.enterprises = Objects.requireNonNull(enterprises, "enterprises");
        this.admins = Objects.requireNonNull(admins, "admins");
        this.messenger = Objects.requireNonNull(messenger, "messenger");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.errorReporter = Objects.requireNonNull(errorReporter, "errorReporter");
        this.rules = Objects.requireNonNull(rules, "rules");
        this.eligibility = new Eligibility(rules);
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public RunReport run(Request request) {
        Run run = new Run(request, UUID.randomUUID().toString());
        return run.execute();
    }

    /** One execution: its id, its day and its tally. */
    private final class Run {
        private final Request request;
        private final String runId;
        private final AsOf day;
        private final Tally tally = new Tally();
        private final RunObserver observer;

        Run(Request request, String runId) {
            this.request = request;
            this.runId = runId;
            this.day = new AsOf(request.asOf(), rules.zone());
            this.observer = request.observer();
        }

        RunReport execute() {
            Instant started = clock.instant();
            long requestsBefore = messenger.requestsMade();
            log.info("run {} starts: as of {}{}, concurrency {}", runId, day.date(),
                    request.dryRun() ? " (dry run)" : "", settings.concurrency());
            if (!request.dryRun()) sweepStaleClaims(started);

            long total = enterprises.countWithCandidatePlans(day);
            observer.started(total);
            processAll(total);

            Duration elapsed = Duration.between(started, clock.instant());
            RunReport report = tally.report(runId, day.date(), request.dryRun(),
                    messenger.requestsMade() - requestsBefore, elapsed);
            RunReport.KindCounts sum = report.total();
            log.info("run {} done: {} enterprises, {} due, {} sent, {} failed, {} uncertain, {} superseded",
                    runId, report.enterprisesSeen(), sum.due(), sum.sent(), sum.failed(), sum.uncertain(),
                    sum.superseded());
            if (!request.dryRun() && report.hasProblems()) notifyErrors(report);
            return report;
        }

        private void sweepStaleClaims(Instant now) {
            UncertainPolicy policy = settings.uncertainPolicy();
            List<StaleClaim> stale = ledger.sweepStaleClaims(now.minus(settings.claimLease()), policy, now);
            for (StaleClaim claim : stale) {
                DeliveryKey key = claim.key();
                if (policy == UncertainPolicy.SKIP) {
                    tally.count(key.kind(), Tally.Count.UNCERTAIN, 1);
                    tally.uncertain(new Failure(key.enterprise(), Optional.of(key.ecuId()), Optional.of(key.kind()),
                            "STALE_CLAIM", "claimed by run " + claim.runId() + " at " + claim.claimedAt()
                            + ", which did not settle it; whether it was sent is unknown, so it is not sent again"));
                }
            }
            if (!stale.isEmpty())
                log.warn("{} claims older than {} were left by a run that died; marked {}", stale.size(),
                        settings.claimLease(), policy == UncertainPolicy.SKIP ? "uncertain" : "failed, to resend");
        }

        private void processAll(long total) {
            int concurrency = settings.concurrency();
            ExecutorService pool = Executors.newFixedThreadPool(concurrency, workerThreads());
            // Bounds the enterprises in flight, so memory does not grow with the number of enterprises.
            Semaphore inFlight = new Semaphore(concurrency * 2);
            AtomicLong done = new AtomicLong();
            RuntimeException readFailure = null;
            try (Stream<EnterpriseLicenses> stream = enterprises.withCandidatePlans(day)) {
                stream.forEach(licenses -> {
                    inFlight.acquireUninterruptibly();
                    try {
                        pool.execute(() -> {
                            try {
                                process(licenses);
                            } finally {
                                inFlight.release();
                                observer.enterpriseDone(done.incrementAndGet(), total);
                            }
                        });
                    } catch (RuntimeException e) {
                        inFlight.release();
                        throw e;
                    }
                });
            } catch (StorageException e) {
                readFailure = e;
            } finally {
                pool.shutdown();
                awaitQuietly(pool);
            }
            if (readFailure != null) throw readFailure;
        }

        private void process(EnterpriseLicenses licenses) {
            Enterprise enterprise = licenses.enterprise();
            tally.enterpriseSeen();
            try {
                if (AutoAssignPlan.select(licenses.plans(), day).isEmpty()) {
                    // Decided without asking the LMS: no plan, no email.
                    tally.enterpriseSkipped(SkipReason.NO_AUTO_ASSIGN_PLAN);
                    return;
                }
                List<Admin> admins = SendNotificationsService.this.admins.of(enterprise).admins();
                Set<DeliveryKey> recorded = ledger.recorded(enterprise.uuid());
                Decision decision = eligibility.decide(enterprise, licenses.plans(), admins, recorded, day.date());
                record(decision, admins.size());
                if (decision.enterpriseSkipped().isEmpty()) deliver(decision);
            } catch (AdminLookupException e) {
                enterpriseFailed(enterprise, "ADMIN_LOOKUP", e.getMessage(), e);
            } catch (StorageException e) {
                enterpriseFailed(enterprise, "STORAGE", e.getMessage(), e);
            } catch (RuntimeException e) {
                enterpriseFailed(enterprise, "UNEXPECTED", e.getClass().getSimpleName() + ": " + e.getMessage(), e);
            }
        }

        private void record(Decision decision, int adminCount) {
            tally.adminsSeen(adminCount);
            decision.enterpriseSkipped().ifPresentOrElse(tally::enterpriseSkipped, tally::enterpriseEvaluated);
            for (SkippedAdmin s : decision.skipped()) tally.adminSkipped(s.reason());
            for (Delivery d : decision.due()) tally.count(d.kind(), Tally.Count.DUE, 1);
        }

        private void deliver(Decision decision) {
            Instant now = clock.instant();
            if (request.dryRun()) {
                for (Delivery d : decision.superseded()) {
                    tally.count(d.kind(), Tally.Count.SUPERSEDED, 1);
                    observer.delivery(d, Fate.SUPERSEDED, "dry run");
                }
                for (Delivery d : decision.due()) observer.delivery(d, Fate.WOULD_SEND, "dry run");
                return;
            }
            if (!decision.superseded().isEmpty()) {
                ledger.recordSuperseded(decision.superseded(), runId, now);
                for (Delivery d : decision.superseded()) {
                    tally.count(d.kind(), Tally.Count.SUPERSEDED, 1);
                    observer.delivery(d, Fate.SUPERSEDED, "a higher threshold was crossed at the same time");
                }
            }
            if (decision.due().isEmpty()) return;
            Set<DeliveryKey> won = ledger.claim(decision.due(), runId, now);
            Map<NotificationKind, List<Delivery>> byKind = new LinkedHashMap<>();
            for (Delivery d : decision.due()) {
                if (won.contains(d.key())) {
                    byKind.computeIfAbsent(d.kind(), k -> new ArrayList<>()).add(d);
                } else {
                    tally.count(d.kind(), Tally.Count.CLAIMED_ELSEWHERE, 1);
                    observer.delivery(d, Fate.CLAIMED_ELSEWHERE, "another run holds this delivery");
                }
            }
            Plan plan = decision.plan().orElseThrow();
            byKind.forEach((kind, deliveries) -> {
                for (int from = 0; from < deliveries.size(); from += Message.MAX_RECIPIENTS) {
                    List<Delivery> batch = deliveries.subList(from, Math.min(from + Message.MAX_RECIPIENTS, deliveries.size()));
                    send(kind, decision.enterprise(), plan, batch);
                }
            });
        }

        private void send(NotificationKind kind, Enterprise enterprise, Plan plan, List<Delivery> batch) {
            List<DeliveryKey> keys = batch.stream().map(Delivery::key).toList();
            Message message = new Message(kind, enterprise, plan, batch.stream().map(Delivery::admin).toList(), day.date());
            SendOutcome outcome;
            try {
                outcome = messenger.send(message);
            } catch (RuntimeException e) {
                // The messenger promises outcomes, not exceptions; if it throws anyway nobody knows what Braze got.
                outcome = new SendOutcome.OutcomeUnknown("messenger failed: " + e.getClass().getSimpleName() + ": " + e.getMessage());
            }
            tally.messageSent();
            Instant now = clock.instant();
            try {
                settle(kind, enterprise, batch, keys, outcome, now);
            } catch (StorageException e) {
                // The claims stay pending; the next run past the lease reports them as uncertain.
                for (Delivery d : batch)
                    tally.failed(new Failure(enterprise.uuid(), Optional.of(d.key().ecuId()), Optional.of(kind),
                            "STORAGE", "sent, but the ledger could not record it: " + e.getMessage()));
                log.warn("enterprise {}: {} {} deliveries could not be settled: {}", enterprise.uuid(), batch.size(),
                        kind.code(), e.getMessage());
            }
        }

        private void settle(NotificationKind kind, Enterprise enterprise, List<Delivery> batch, List<DeliveryKey> keys,
                            SendOutcome outcome, Instant now) {
            if (outcome instanceof SendOutcome.Sent sent) {
                ledger.markSent(keys, sent.dispatchId(), now);
                tally.count(kind, Tally.Count.SENT, batch.size());
                for (Delivery d : batch) observer.delivery(d, Fate.SENT, sent.dispatchId());
                log.info("enterprise {}: sent {} to {} admins (dispatch {})", enterprise.uuid(), kind.code(),
                        batch.size(), sent.dispatchId());
            } else if (outcome instanceof SendOutcome.Failed failed) {
                ledger.markFailed(keys, failed.reason(), now);
                tally.count(kind, Tally.Count.FAILED, batch.size());
                String error = failed.transientFailure() ? "SEND_TRANSIENT" : "SEND_PERMANENT";
                for (Delivery d : batch) {
                    tally.failed(new Failure(enterprise.uuid(), Optional.of(d.key().ecuId()), Optional.of(kind), error,
                            failed.reason()));
                    observer.delivery(d, Fate.FAILED, failed.reason());
                }
                log.warn("enterprise {}: {} to {} admins failed ({}): {}", enterprise.uuid(), kind.code(), batch.size(),
                        error, failed.reason());
            } else if (outcome instanceof SendOutcome.OutcomeUnknown unknown) {
                ledger.markUncertain(keys, unknown.reason(), now);
                tally.count(kind, Tally.Count.UNCERTAIN, batch.size());
                for (Delivery d : batch) {
                    tally.uncertain(new Failure(enterprise.uuid(), Optional.of(d.key().ecuId()), Optional.of(kind),
                            "OUTCOME_UNKNOWN", unknown.reason()));
                    observer.delivery(d, Fate.UNCERTAIN, unknown.reason());
                }
                log.warn("enterprise {}: {} to {} admins has an unknown outcome, not retried: {}", enterprise.uuid(),
                        kind.code(), batch.size(), unknown.reason());
            }
        }

        private void enterpriseFailed(Enterprise enterprise, String error, String message, RuntimeException e) {
            tally.enterpriseFailed(new Failure(enterprise.uuid(), Optional.empty(), Optional.empty(), error, message));
            log.warn("enterprise {} failed ({}): {}", enterprise.uuid(), error, message);
            log.debug("enterprise {} failure detail", enterprise.uuid(), e);
        }

        private void notifyErrors(RunReport report) {
            try {
                errorReporter.report(report);
            } catch (RuntimeException e) {
                log.warn("the run-error notification could not be sent: {}", e.getMessage());
            }
        }
    }

    private static ThreadFactory workerThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "license-notify-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    private static void awaitQuietly(ExecutorService pool) {
        boolean interrupted = false;
        while (true) {
            try {
                if (pool.awaitTermination(1, TimeUnit.MINUTES)) break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
    }
}
