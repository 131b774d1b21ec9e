package io.licensenotify.cli;

import io.licensenotify.domain.NotificationKind;
import io.licensenotify.domain.SkipReason;
import io.licensenotify.ports.in.RunReport;
import io.licensenotify.ports.out.Failure;
import io.licensenotify.ports.out.FailureKind;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Run reports as the service would return them. */
final class Reports {
    static final UUID HOOLI = UUID.fromString("e0000000-0000-4000-8000-000000000005");
    static final UUID ACME = UUID.fromString("e0000000-0000-4000-8000-000000000001");

    private static final NotificationKind T75 = NotificationKind.threshold(75);

    private Reports() {
    }

    static RunReport clean(LocalDate asOf) {
        return new RunReport("run-1", asOf, false, 3, 3, Map.of(), 0, 5, Map.of(),
                Map.of(T75, new RunReport.KindCounts(2, 2, 0, 0, 0, 0)), 2, 1, List.of(), List.of(),
                Duration.ofMillis(1200), List.of(), 0, Optional.empty(), 0, List.of(), List.of(), List.of(), List.of(),
                io.licensenotify.domain.Shard.ALL);
    }

    /** A clean run whose two deliveries Braze queued (in maintenance). */
    static RunReport queued(LocalDate asOf) {
        return new RunReport("run-1", asOf, false, 3, 3, Map.of(), 0, 5, Map.of(),
                Map.of(T75, new RunReport.KindCounts(2, 2, 0, 0, 0, 0, 0, 2)), 2, 1, List.of(), List.of(),
                Duration.ofMillis(1200), List.of(), 0, Optional.empty(), 0, List.of(), List.of(), List.of(), List.of(),
                io.licensenotify.domain.Shard.ALL);
    }

    /** A run that found nothing due: no kind has a count. */
    static RunReport nothingDue(LocalDate asOf) {
        return new RunReport("run-0", asOf, false, 3, 3, Map.of(), 0, 5, Map.of(), Map.of(), 0, 0, List.of(),
                List.of(), Duration.ofMillis(900), List.of(), 0, Optional.empty(), 0, List.of(), List.of(), List.of(),
                List.of(), io.licensenotify.domain.Shard.ALL);
    }

    /** The same report, of that shard. */
    static RunReport withShard(RunReport r, io.licensenotify.domain.Shard shard) {
        return new RunReport(r.runId(), r.asOf(), r.dryRun(), r.enterprisesSeen(), r.enterprisesEvaluated(),
                r.enterprisesSkipped(), r.enterprisesFailed(), r.adminsSeen(), r.adminsSkipped(), r.deliveries(),
                r.messagesSent(), r.messengerRequests(), r.failures(), r.uncertain(), r.elapsed(), r.shared(),
                r.dispatchIdsUnknown(), r.stoppedEarly(), r.enterprisesNotReached(), r.wouldSend(), r.warnings(),
                r.unknownEnterprises(), r.withoutAutoAssignPlan(), shard);
    }

    static RunReport withProblems(LocalDate asOf) {
        return new RunReport("run-2", asOf, false, 6, 4, Map.of(SkipReason.NO_ADMINS, 1L), 1, 9,
                Map.of(SkipReason.INACTIVE, 1L),
                Map.of(T75, new RunReport.KindCounts(3, 2, 1, 0, 0, 0),
                        NotificationKind.threshold(100), new RunReport.KindCounts(2, 2, 0, 2, 0, 0),
                        NotificationKind.WEEKLY_DIGEST, new RunReport.KindCounts(2, 1, 0, 0, 1, 0)),
                5, 4,
                List.of(new Failure(HOOLI, Optional.empty(), Optional.empty(), FailureKind.ADMIN_LOOKUP,
                                "admins of enterprise " + HOOLI + " could not be read (HTTP 500)"),
                        new Failure(ACME, Optional.of(102L), Optional.of(NotificationKind.threshold(75)),
                                FailureKind.SEND_PERMANENT, "Braze refused bob@example.com (HTTP 400)")),
                List.of(new Failure(ACME, Optional.of(101L), Optional.of(NotificationKind.WEEKLY_DIGEST),
                        FailureKind.OUTCOME_UNKNOWN, "read timed out")),
                Duration.ofSeconds(3), List.of(), 0, Optional.empty(), 0, List.of(), List.of(), List.of(), List.of(),
                io.licensenotify.domain.Shard.ALL);
    }
}
