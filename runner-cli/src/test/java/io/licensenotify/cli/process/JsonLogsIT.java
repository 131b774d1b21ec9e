package io.licensenotify.cli.process;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.licensenotify.adapter.persistence.TestDatabase;
import io.licensenotify.cli.process.LicenseNotifyProcess.Result;
import io.licensenotify.standin.Answer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Played: {@code --log-format json} writes what a log shipper reads, one object per stderr line
 * with the formatted message, an ISO-8601 timestamp and the run's id; and a run of many enterprises writes a few
 * INFO lines (start, progress, end), not one per enterprise.
 */
class JsonLogsIT extends ProcessTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern RUN_ID = Pattern.compile("^Run ([0-9a-f-]{36}) as of", Pattern.MULTILINE);

    @Override
    TestDatabase target() {
        return TestDatabase.H2;
    }

    @Test
    void everyStderrLineIsOneJsonObjectWithTheFieldsLogShippersReadAndTheRunId() {
        Scenario.standard().load(db, lms);
        UUID failing = Scenario.enterprise(2);
        braze.fault(FakeBraze.forEnterprise(failing), -1, r -> Answer.json(400, "{\"message\":\"Invalid Campaign ID\"}"));
        lms.fault(io.licensenotify.standin.LmsStandIn.learnersOf(Scenario.enterprise(3)), -1,
                r -> Answer.json(404, "{\"detail\":\"Not found.\"}"));

        Result run = command().run("--log-format", "json", "--verbose", "send", "--as-of", Scenario.AS_OF.toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        String runId = runId(run);
        List<JsonNode> lines = run.stderr().lines().map(JsonLogsIT::parse).toList();
        assertThat(lines).as(run.toString()).hasSizeGreaterThan(5).allSatisfy(line -> {
            assertThat(OffsetDateTime.parse(line.path("@timestamp").asText()).getOffset().getTotalSeconds())
                    .as("UTC, ISO-8601: %s", line).isZero();
            assertThat(line.path("level").asText()).as("%s", line).isIn("DEBUG", "INFO", "WARN", "ERROR");
            assertThat(line.path("logger_name").asText()).as("%s", line).isNotBlank();
            assertThat(line.path("thread_name").asText()).as("%s", line).isNotBlank();
            assertThat(line.path("message").asText()).as("formatted: %s", line).isNotBlank().doesNotContain("{}");
            assertThat(line.path("run_id").asText()).as("%s", line).isEqualTo(runId);
        });
        assertThat(lines).as("the failing enterprise's lines name it")
                .anySatisfy(l -> {
                    assertThat(l.path("enterprise").asText()).isEqualTo(failing.toString());
                    assertThat(l.path("level").asText()).isEqualTo("WARN");
                })
                .anySatisfy(l -> assertThat(l.path("stack_trace").asText()).contains("\tat "))
                .anySatisfy(l -> assertThat(l.path("message").asText()).startsWith("run " + runId + " starts: as of "));
        Processes.assertNoSecret(run, db);
    }

    @Test
    void aRunOfManyEnterprisesWritesStartProgressAndEndAtInfoNotALinePerEnterprise() {
        Scenario.many(60, 1).load(db, lms);

        Result run = command().run("--log-format", "json", "send", "--as-of", Scenario.AS_OF.toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        List<JsonNode> info = run.stderr().lines().map(JsonLogsIT::parse)
                .filter(l -> l.path("level").asText().equals("INFO")).toList();
        assertThat(info).as(run.toString()).hasSizeBetween(4, 16)
                .noneSatisfy(l -> assertThat(l.path("message").asText()).contains(": sent "));
        assertThat(braze.emails()).hasSizeGreaterThanOrEqualTo(60);
    }

    private static String runId(Result run) {
        Matcher m = RUN_ID.matcher(run.stdout());
        assertThat(m.find()).as(run.toString()).isTrue();
        return m.group(1);
    }

    private static JsonNode parse(String line) {
        try {
            JsonNode node = JSON.readTree(line);
            assertThat(node.isObject()).as(line).isTrue();
            return node;
        } catch (IOException e) {
            throw new UncheckedIOException("not one JSON object: " + line, e);
        }
    }
}
