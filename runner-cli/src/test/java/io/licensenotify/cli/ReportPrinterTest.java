package io.licensenotify.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.licensenotify.domain.DeliveryKey;
import io.licensenotify.ports.in.RunReport;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;

class ReportPrinterTest {
    private static final LocalDate DAY = LocalDate.of(2024, 5, 31);

    @Test
    void theSummaryNamesEveryFailureAndUncertainDeliveryByEnterpriseAdminAndKind() {
        String summary = ReportPrinter.summary(Reports.withProblems(DAY));
        assertThat(summary).contains(
                "as of 2024-05-31",
                "Enterprises: 6 seen, 4 evaluated, 1 failed; skipped: NO_ADMINS 1",
                "Admins: 9 seen; skipped: INACTIVE 1",
                "Braze requests: 4, accepted: 5",
                "Failures (2):",
                "enterprise " + Reports.HOOLI + ": ADMIN_LOOKUP: admins of enterprise",
                "enterprise " + Reports.ACME + ", ECU 102, UTILIZATION_75: SEND_PERMANENT",
                "Uncertain, not resent (1):",
                "enterprise " + Reports.ACME + ", ECU 101, WEEKLY_DIGEST: OUTCOME_UNKNOWN: read timed out");
        assertThat(ReportPrinter.result(Reports.withProblems(DAY))).startsWith("Result: PROBLEMS").contains("(exit 1)");
        assertThat(summary.lines()).anyMatch(l -> l.matches("\\s+UTILIZATION_100\\s+2\\s+2\\s+0\\s+2\\s+0\\s+0\\s+0"))
                .anyMatch(l -> l.matches("\\s+total\\s+7\\s+5\\s+1\\s+2\\s+1\\s+0\\s+0"));
    }

    @Test
    void failuresNameTheirEnterpriseAndTheSummarySaysWhatToDoNext() throws Exception {
        RunReport named = Reports.withProblems(DAY);
        named = Reports.withFailures(named, named.problems().failures().stream()
                .map(f -> f.enterprise().equals(Reports.HOOLI) ? f.withEnterpriseName("Hooli") : f).toList());

        assertThat(ReportPrinter.summary(named)).contains("enterprise " + Reports.HOOLI + " (Hooli): ADMIN_LOOKUP",
                "Next: the next run tries these again; 'license-notify history --state FAILED' lists the failed",
                "to send them again: license-notify release --state UNCERTAIN --reason TEXT");
        JsonNode json = new ObjectMapper().readTree(ReportPrinter.json(named));
        assertThat(json.path("failures").get(0).path("enterprise_name").asText()).isEqualTo("Hooli");
        assertThat(json.path("failures").get(1).path("enterprise_name").isNull()).isTrue();
    }

    @Test
    void aDryRunsResultSaysWhatWouldBeSentNotThatItWasDelivered() {
        RunReport clean = Reports.clean(DAY);
        RunReport dry = Reports.dryRun(clean, clean.scope().shard(), List.of(
                new RunReport.WouldSend(DeliveryKey.weeklyDigest(101, Reports.ACME, DAY), 1001, Reports.HOOLI),
                new RunReport.WouldSend(DeliveryKey.weeklyDigest(102, Reports.ACME, DAY), 1002, Reports.HOOLI)));

        assertThat(ReportPrinter.result(dry)).isEqualTo(
                "Result: DRY RUN: 2 emails would be sent; nothing was claimed or sent (exit 0)\n")
                .doesNotContain("delivered");
    }

    @Test
    void deliveriesBrazeQueuedAreNamedApartInTheSummaryAndTheJson() throws Exception {
        RunReport queued = Reports.queued(DAY);

        assertThat(ReportPrinter.summary(queued)).contains("Queued by Braze: 2 deliveries (Braze was in maintenance");
        assertThat(ReportPrinter.summary(Reports.clean(DAY))).doesNotContain("Queued");
        assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(ReportPrinter.json(queued))
                .path("deliveries").path("UTILIZATION_75").path("queued").asLong()).isEqualTo(2);
    }

    @Test
    void anAddressBeyondAsciiIsRemovedFromTheSummaryAsTheLogsRemoveIt() {
        String summary = ReportPrinter.summary(Reports.clean(DAY)
                .withWarning("Braze refused jürgen.müller@exämple.de and bob@example.com"));

        assertThat(summary).contains("Warning: Braze refused <email> and <email>\n").doesNotContain("@");
    }

    @Test
    void neitherTheSummaryNorTheJsonCarriesAnEmailAddress() {
        assertThat(ReportPrinter.summary(Reports.withProblems(DAY))).doesNotContain("@").contains("<email>");
        assertThat(ReportPrinter.json(Reports.withProblems(DAY))).doesNotContain("@").contains("<email>");
    }

    @Test
    void aCleanRunSaysItExitsZero() {
        assertThat(ReportPrinter.summary(Reports.clean(DAY))).doesNotContain("Failures");
        assertThat(ReportPrinter.result(Reports.clean(DAY))).contains("Result: OK", "(exit 0)");
    }

    @Test
    void theJsonReportHasIsoDatesCountsPerKindAndNamedFailures() throws Exception {
        JsonNode json = new ObjectMapper().readTree(ReportPrinter.json(Reports.withProblems(DAY)));
        assertThat(json.path("as_of").asText()).isEqualTo("2024-05-31");
        assertThat(json.path("ok").asBoolean()).isFalse();
        assertThat(json.path("enterprises").path("skipped").path("NO_ADMINS").asLong()).isEqualTo(1);
        assertThat(json.path("deliveries").path("UTILIZATION_75").path("failed").asLong()).isEqualTo(1);
        assertThat(json.path("deliveries").path("total").path("sent").asLong()).isEqualTo(5);
        assertThat(json.path("braze_requests").asLong()).isEqualTo(4);
        assertThat(json.path("failures").get(1).path("ecu_id").asLong()).isEqualTo(102);
        assertThat(json.path("failures").get(1).path("kind").asText()).isEqualTo("UTILIZATION_75");
        assertThat(json.path("failures").get(0).path("enterprise").asText()).isEqualTo(Reports.HOOLI.toString());
        assertThat(json.path("uncertain").get(0).path("error").asText()).isEqualTo("OUTCOME_UNKNOWN");
    }

    @Test
    void theJsonReportCarriesTheMetricsTheProcessMeasured() throws Exception {
        RunMetrics metrics = new RunMetrics(OptionalLong.of(41), OptionalLong.of(2), 50_000_000, 268_435_456,
                2_500_000_000L);
        JsonNode json = new ObjectMapper().readTree(ReportPrinter.json(Reports.clean(DAY), metrics));
        assertThat(json.path("metrics").path("sql_statements").asLong()).isEqualTo(41);
        assertThat(json.path("metrics").path("sql_statements_reading_license_data").asLong()).isEqualTo(2);
        assertThat(json.path("metrics").path("heap_peak_bytes").asLong()).isEqualTo(50_000_000);
        assertThat(json.path("metrics").path("heap_max_bytes").asLong()).isEqualTo(268_435_456);
        assertThat(json.path("metrics").path("cpu_seconds").asDouble()).isEqualTo(2.5);
    }

    @Test
    void withoutADatabaseTheMetricsLeaveTheSqlCountsOutInsteadOfWritingZero() throws Exception {
        RunMetrics metrics = RunMetrics.measure(OptionalLong.empty(), OptionalLong.empty());
        JsonNode json = new ObjectMapper().readTree(ReportPrinter.json(Reports.clean(DAY), metrics));
        assertThat(json.path("metrics").has("sql_statements")).isFalse();
        assertThat(json.path("metrics").has("sql_statements_reading_license_data")).isFalse();
        assertThat(json.path("metrics").path("heap_peak_bytes").asLong()).isPositive()
                .isLessThanOrEqualTo(json.path("metrics").path("heap_max_bytes").asLong());
        assertThat(ReportPrinter.json(Reports.clean(DAY))).doesNotContain("metrics");
    }
}
