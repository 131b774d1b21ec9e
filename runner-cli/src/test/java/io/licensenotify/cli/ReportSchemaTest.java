package io.licensenotify.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.licensenotify.domain.DeliveryKey;
import io.licensenotify.domain.Shard;
import io.licensenotify.ports.in.RunReport;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@code --report} JSON is what docs/report.schema.json says, in every shape a run gives it. */
class ReportSchemaTest {
    private static final LocalDate DAY = LocalDate.of(2024, 5, 31);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Schema SCHEMA = schema();

    @Test
    void aCleanRunARunWithProblemsADryRunAndARunThatCouldNotStartMatchTheSchema() throws IOException {
        RunReport clean = Reports.clean(DAY);
        RunReport dry = Reports.dryRun(clean, new Shard(1, 4), List.of(new RunReport.WouldSend(
                DeliveryKey.weeklyDigest(101, Reports.ACME, DAY), 1001, Reports.HOOLI)));
        RunMetrics metrics = RunMetrics.measure(OptionalLong.of(42), OptionalLong.of(3));

        for (String json : List.of(ReportPrinter.json(clean), ReportPrinter.json(Reports.withProblems(DAY), metrics),
                ReportPrinter.json(dry), ReportPrinter.json(RunReport.notStarted("run-1", DAY, false, Shard.ALL,
                        "cannot connect to jdbc:postgresql://db/test", Duration.ofMillis(40)))))
            assertThat(errors(JSON.readTree(json))).as(json).isEmpty();
    }

    @Test
    void theSchemaRefusesACamelCaseNameAndAMissingCount() throws IOException {
        ObjectNode camel = (ObjectNode) JSON.readTree(ReportPrinter.json(Reports.clean(DAY)));
        camel.set("runId", camel.remove("run_id"));
        ObjectNode missing = (ObjectNode) JSON.readTree(ReportPrinter.json(Reports.clean(DAY)));
        ((ObjectNode) missing.path("deliveries").path("total")).remove("claimed_elsewhere");

        assertThat(errors(camel)).isNotEmpty();
        assertThat(errors(missing)).isNotEmpty();
    }

    @Test
    void everyNameTheReportWritesIsSnakeCaseSaveTheDataKeys() throws IOException {
        JsonNode doc = JSON.readTree(ReportPrinter.json(Reports.withProblems(DAY),
                RunMetrics.measure(OptionalLong.of(1), OptionalLong.of(1))));
        assertSnakeCase(doc, "");
    }

    private static void assertSnakeCase(JsonNode node, String path) {
        if (node.isArray()) node.forEach(n -> assertSnakeCase(n, path + "[]"));
        if (!node.isObject()) return;
        // kind codes and skip reasons are data used as keys
        boolean dataKeys = path.endsWith(".deliveries") || path.endsWith(".skipped");
        node.fieldNames().forEachRemaining(name -> {
            if (!dataKeys) assertThat(name).as(path + "." + name).matches("[a-z][a-z0-9_]*");
            assertSnakeCase(node.get(name), path + "." + name);
        });
    }

    private static List<Error> errors(JsonNode doc) {
        return SCHEMA.validate(doc);
    }

    private static Schema schema() {
        try {
            String text = Files.readString(Path.of("..", "docs", "report.schema.json"));
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(text);
        } catch (IOException e) {
            throw new IllegalStateException("docs/report.schema.json cannot be read", e);
        }
    }
}
