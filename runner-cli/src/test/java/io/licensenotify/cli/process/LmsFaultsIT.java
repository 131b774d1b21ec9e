package io.licensenotify.cli.process;

import io.licensenotify.adapter.persistence.TestDatabase;
import io.licensenotify.cli.process.FakeBraze.Email;
import io.licensenotify.cli.process.LicenseNotifyProcess.Result;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static io.licensenotify.cli.process.Scenario.enterprise;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 8, the LMS failing on purpose, one fault per enterprise in the same run: what retries can absorb is sent
 * in that run, what they cannot fails that enterprise alone (exit 1, named in the report), and once the LMS heals
 * the rerun sends the rest: nothing twice, nothing lost.
 */
class LmsFaultsIT extends ProcessTest {
    @Override
    TestDatabase target() {
        return TestDatabase.MARIADB;
    }

    @Test
    void burstsRateLimitsAndTimeoutsAreRetriedMalformedAndEndlessAnswersFailOnlyTheirEnterprise() {
        Scenario scenario = Scenario.many(6, 2);
        scenario.load(db, lms);
        lms.fault(FakeLms.learnersOf(enterprise(1)), 2, r -> Script.status(503));
        lms.fault(FakeLms.learnersOf(enterprise(2)), 1, r -> Script.withHeader(Script.json(429, "{\"detail\":\"Request was throttled.\"}"), "Retry-After", "1"));
        lms.fault(FakeLms.learnersOf(enterprise(3)), 1, r -> Script.late(Script.json(200, "{}"), 3_000));
        lms.fault(FakeLms.learnersOf(enterprise(4)), -1, r -> Script.json(200, "{\"count\": 2, \"results\": [{\"id\": 4"));
        lms.fault(FakeLms.learnersOf(enterprise(5)), -1, r -> {
            String page = FakeLms.param(r, "page");
            int next = (page == null ? 1 : Integer.parseInt(page)) + 1;
            return Script.json(200, FakeLms.page(enterprise(5), List.of(scenario.orgs.get(4).admins()), 1,
                    lms.nextLink(enterprise(5), next)));
        });
        lms.fault(FakeLms.learnersOf(enterprise(6)), -1, r -> Script.status(500));
        Set<Email> due = scenario.due(Scenario.AS_OF);
        Set<String> failing = Set.of(enterprise(4).toString(), enterprise(5).toString(), enterprise(6).toString());

        Result faulty = command().with("lms.max-pages", "20").run("send", "--as-of", Scenario.AS_OF.toString());

        assertThat(faulty.exitCode()).as(faulty.toString()).isEqualTo(1);
        assertThat(braze.emails()).containsExactlyInAnyOrderElementsOf(
                due.stream().filter(e -> !failing.contains(e.enterprise())).collect(Collectors.toSet()));
        for (String enterprise : failing) assertThat(faulty.stdout()).contains("enterprise " + enterprise + ": ADMIN_LOOKUP");
        assertThat(faulty.stdout()).contains("Enterprises: 6 seen");
        List<Email> received = new ArrayList<>(braze.emails());
        int faults = lms.faultsServed();

        lms.heal();
        braze.forget();
        Result healed = command().run("send", "--as-of", Scenario.AS_OF.toString());

        assertThat(healed.exitCode()).as(healed.toString()).isZero();
        received.addAll(braze.emails());
        assertThat(received).containsExactlyInAnyOrderElementsOf(due);
        Reliability.Figures f = Reliability.measure("LMS: 5xx, 429, timeout, malformed, endless", faults, 2, scenario,
                due, received, db.ledger());
        assertThat(f.duplicates()).isZero();
        assertThat(f.lost()).isZero();
        Processes.assertNoSecret(faulty, db);
        Processes.assertNoSecret(healed, db);
    }
}
