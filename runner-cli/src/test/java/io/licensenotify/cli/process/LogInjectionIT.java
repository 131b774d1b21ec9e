package io.licensenotify.cli.process;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.licensenotify.adapter.persistence.LicenseManagerFixture;
import io.licensenotify.adapter.persistence.TestDatabase;
import io.licensenotify.cli.process.LicenseNotifyProcess.Result;
import io.licensenotify.standin.Answer;
import io.licensenotify.standin.LmsStandIn.Admin;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * An enterprise name in license-manager's table that carries a line break and a log line
 * of its own, echoed back by Braze's error body, as error bodies do. It reaches the log and the summary as data:
 * escaped, on the line it belongs to; no line of stdout or stderr starts with the forged text.
 */
class LogInjectionIT extends ProcessTest {
    private static final String FORGED = "2026-01-01 INFO forged line";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    TestDatabase target() {
        return TestDatabase.H2;
    }

    @Test
    void aNameFromTheDatabaseEchoedByBrazeCannotForgeALogOrSummaryLine() {
        UUID acme = Scenario.enterprise(1);
        LicenseManagerFixture f = db.fixture();
        UUID plan = f.plan(f.agreement(acme, "Acme\n" + FORGED + "\r\n\u001b[2J", "acme"), "Acme plan",
                Scenario.PLAN_START, Scenario.PLAN_END, true, true);
        f.licenses(plan, "activated", 8);
        f.licenses(plan, "unassigned", 2);
        f.flush();
        lms.admins(acme, List.of(Admin.of(101, 1001, "Alice", Scenario.daysBefore(Scenario.AS_OF, 2))));
        braze.fault(FakeBraze.anyAdminEmail(), -1, r -> Answer.json(400, json(Map.of("message", "campaign refused for "
                + nameIn(r.json())))));

        Result text = command().run("send", "--as-of", Scenario.AS_OF.toString());
        Result json = command().run("--log-format", "json", "send", "--as-of", Scenario.AS_OF.toString());

        for (Result run : List.of(text, json)) {
            assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
            assertThat(run.output().lines()).as(run.toString()).noneMatch(l -> l.startsWith(FORGED));
            assertThat(run.output()).as("no terminal escape reaches the screen").doesNotContain("\u001b");
            // the value is still there to read, escaped, in the failure it belongs to
            assertThat(run.stdout()).contains("campaign refused for Acme\\n" + FORGED);
        }
        assertThat(text.stderr()).contains("campaign refused for Acme\\n" + FORGED);
        assertThat(json.stderr().lines()).isNotEmpty().allSatisfy(l ->
                assertThatCode(() -> JSON.readTree(l)).as(l).doesNotThrowAnyException());
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The enterprise name a request carries: the shared one, or its first recipient's when packed. */
    private static String nameIn(com.fasterxml.jackson.databind.JsonNode body) {
        com.fasterxml.jackson.databind.JsonNode shared = body.path("trigger_properties").path("enterprise_customer_name");
        return shared.isTextual() ? shared.asText()
                : body.path("recipients").get(0).path("trigger_properties").path("enterprise_customer_name").asText();
    }
}
