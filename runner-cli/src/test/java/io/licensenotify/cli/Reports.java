package io.licensenotify.cli;

import io.licensenotify.domain.NotificationKind;
import io.licensenotify.domain.Shard;
import io.licensenotify.domain.SkipReason;
import io.licensenotify.ports.failure.Failure;
import io.licensenotify.ports.failure.FailureKind;
import io.licensenotify.ports.failure.RunProblems;
import io.licensenotify.ports.in.RunReport;
import io.licensenotify.ports.in.RunReport.AdminCounts;
import io.licensenotify.ports.in.RunReport.EnterpriseCounts;
import io.licensenotify.ports.in.RunReport.KindCounts;
import io.licensenotify.ports.in.RunReport.Requests;
import io.licensenotify.ports.in.RunReport.Scope;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Run reports as the service would return them, built from their parts. */
final class Reports {
    static final UUID HOOLI = UUID.fromString("e0000000-0000-4000-8000-000000000005");
    static final UUID ACME = UUID.fromString("e0000000-0000-4000-8000-000000000001");

    private static final NotificationKind T75 = NotificationKind.threshold(75);
    private static final EnterpriseCounts THREE_EVALUATED = new EnterpriseCounts(3, 3, Map.of(), 0);
    private static final AdminCounts FIVE_ADMINS = new AdminCounts(5, Map.of());

    private Reports() {
    }

    static RunReport clean(LocalDate asOf) {
        return new RunReport(scope("run-1", asOf, Duration.ofMillis(1200)), THREE_EVALUATED, FIVE_ADMINS,
                Map.of(T75, new KindCounts(2, 2, 0, 0, 0, 0)), new Requests(1, 2), RunProblems.NONE, List.of(),
                List.of());
    }

    /** A clean run whose two deliveries Braze queued (in maintenance). */
    static RunReport queued(LocalDate asOf) {
        return new RunReport(scope("run-1", asOf, Duration.ofMillis(1200)), THREE_EVALUATED, FIVE_ADMINS,
                Map.of(T75, new KindCounts(2, 2, 0, 0, 0, 0, 0, 2)), new Requests(1, 2), RunProblems.NONE, List.of(),
                List.of());
    }

    /** A run that found nothing due: no kind has a count. */
    static RunReport nothingDue(LocalDate asOf) {
        return new RunReport(scope("run-0", asOf, Duration.ofMillis(900)), THREE_EVALUATED, FIVE_ADMINS, Map.of(),
                Requests.ZERO, RunProblems.NONE, List.of(), List.of());
    }

    /** The same report, of that shard. */
    static RunReport withShard(RunReport r, Shard shard) {
        Scope s = r.scope();
        return new RunReport(new Scope(s.runId(), s.asOf(), s.dryRun(), shard, s.elapsed()), r.enterprises(),
                r.admins(), r.deliveries(), r.requests(), r.problems(), r.wouldSend(), r.warnings());
    }

    /** The clean run as a dry run of that shard, which would send these. */
    static RunReport dryRun(RunReport clean, Shard shard, List<RunReport.WouldSend> wouldSend) {
        Scope s = clean.scope();
        return new RunReport(new Scope(s.runId(), s.asOf(), true, shard, s.elapsed()), clean.enterprises(),
                clean.admins(), clean.deliveries(), Requests.ZERO, RunProblems.NONE, wouldSend, List.of());
    }

    /** The same report, its failures these. */
    static RunReport withFailures(RunReport r, List<Failure> failures) {
        RunProblems p = r.problems();
        return new RunReport(r.scope(), r.enterprises(), r.admins(), r.deliveries(), r.requests(),
                new RunProblems(failures, p.uncertain(), p.shared(), p.dispatchIdsUnknown(), p.stoppedEarly(),
                        p.enterprisesNotReached(), p.unknownEnterprises(), p.withoutAutoAssignPlan()),
                r.wouldSend(), r.warnings());
    }

    static RunReport withProblems(LocalDate asOf) {
        return new RunReport(scope("run-2", asOf, Duration.ofSeconds(3)),
                new EnterpriseCounts(6, 4, Map.of(SkipReason.NO_ADMINS, 1L), 1),
                new AdminCounts(9, Map.of(SkipReason.INACTIVE, 1L)),
                Map.of(T75, new KindCounts(3, 2, 1, 0, 0, 0),
                        NotificationKind.threshold(100), new KindCounts(2, 2, 0, 2, 0, 0),
                        NotificationKind.WEEKLY_DIGEST, new KindCounts(2, 1, 0, 0, 1, 0)),
                new Requests(4, 5),
                new RunProblems(List.of(new Failure(HOOLI, Optional.empty(), Optional.empty(), FailureKind.ADMIN_LOOKUP,
                                "admins of enterprise " + HOOLI + " could not be read (HTTP 500)"),
                        new Failure(ACME, Optional.of(102L), Optional.of(NotificationKind.threshold(75)),
                                FailureKind.SEND_PERMANENT, "Braze refused bob@example.com (HTTP 400)")),
                        List.of(new Failure(ACME, Optional.of(101L), Optional.of(NotificationKind.WEEKLY_DIGEST),
                                FailureKind.OUTCOME_UNKNOWN, "read timed out")),
                        List.of(), 0, Optional.empty(), 0, List.of(), List.of()),
                List.of(), List.of());
    }

    private static Scope scope(String runId, LocalDate asOf, Duration elapsed) {
        return new Scope(runId, asOf, false, Shard.ALL, elapsed);
    }
}
