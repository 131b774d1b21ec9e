package io.licensenotify.ports.in;

import io.licensenotify.domain.NotificationKind;
import io.licensenotify.domain.Shard;
import io.licensenotify.ports.failure.RunErrors;
import io.licensenotify.ports.failure.RunProblems;
import io.licensenotify.ports.in.RunReport.AdminCounts;
import io.licensenotify.ports.in.RunReport.EnterpriseCounts;
import io.licensenotify.ports.in.RunReport.KindCounts;
import io.licensenotify.ports.in.RunReport.Requests;
import io.licensenotify.ports.in.RunReport.Scope;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class RunReportTest {
    private static final LocalDate DAY = LocalDate.of(2024, 6, 3);
    private static final Shard SECOND = new Shard(1, 4);

    private static RunReport report(boolean dryRun, EnterpriseCounts enterprises, RunProblems problems) {
        return new RunReport(new Scope("run-1", DAY, dryRun, SECOND, Duration.ofSeconds(2)), enterprises,
                new AdminCounts(5, Map.of()), Map.of(NotificationKind.threshold(75), new KindCounts(6, 4, 0, 0, 0, 0)),
                new Requests(3, 2), problems, List.of(), List.of());
    }

    @Test
    void aRunWithoutProblemsIsCompleteAndCountsRecipientsPerAcceptedRequest() {
        RunReport report = report(false, new EnterpriseCounts(3, 3, Map.of(), 0), RunProblems.NONE);

        assertThat(report.complete()).isTrue();
        assertThat(report.hasProblems()).isFalse();
        assertThat(report.missedWhatWasAsked()).isFalse();
        assertThat(report.recipientsPerRequest()).isEqualTo(2.0);
        assertThat(report(true, report.enterprises(), RunProblems.NONE).recipientsPerRequest()).as("due per request")
                .isEqualTo(3.0);
    }

    @Test
    void aFailedEnterpriseOrAStopIsAProblem() {
        assertThat(report(false, new EnterpriseCounts(3, 2, Map.of(), 1), RunProblems.NONE).hasProblems()).isTrue();
        RunReport stopped = report(false, new EnterpriseCounts(3, 3, Map.of(), 0), RunProblems.stopped("SIGTERM", 4));
        assertThat(stopped.complete()).isFalse();
        assertThat(stopped.hasProblems()).isTrue();
    }

    @Test
    void theRunErrorEmailIsToldWhichRunHadTheProblems() {
        RunProblems problems = RunProblems.stopped("SIGTERM", 4);
        RunReport report = report(false, EnterpriseCounts.ZERO, problems).withWarning("the run-error email was late");

        assertThat(report.errors()).isEqualTo(new RunErrors("run-1", DAY, SECOND, problems));
        assertThat(report.warnings()).containsExactly("the run-error email was late");
    }

    @Test
    void aRunThatCouldNotStartSaysWhyAndCountsNothing() {
        RunReport report = RunReport.notStarted("run-2", DAY, true, Shard.ALL, "no database", Duration.ofMillis(40));

        assertThat(report.scope()).isEqualTo(new Scope("run-2", DAY, true, Shard.ALL, Duration.ofMillis(40)));
        assertThat(report.problems().stoppedEarly()).isEqualTo(Optional.of("the run could not start: no database"));
        assertThat(report.enterprises()).isEqualTo(EnterpriseCounts.ZERO);
        assertThat(report.total()).isEqualTo(KindCounts.ZERO);
        assertThat(report.hasProblems()).isTrue();
    }
}
