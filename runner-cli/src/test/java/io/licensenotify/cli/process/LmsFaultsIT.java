package io.licensenotify.cli.process;

import io.licensenotify.adapter.persistence.TestDatabase;
import io.licensenotify.cli.process.LicenseNotifyProcess.Result;
import io.licensenotify.standin.Answer;
import io.licensenotify.standin.BrazeStandIn.Email;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static io.licensenotify.cli.process.Scenario.enterprise;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The LMS failing on purpose, one fault per enterprise in the same run: what retries can absorb is sent
 * in that run, what they cannot fails that enterprise alone (exit 1, named in the report), and once the LMS heals
 * the rerun sends the rest: nothing twice, nothing lost. Issues 11 and 12: an answer that stalls after its headers, a
 * token endpoint that is down for 200 enterprises, and a {@code next} link to another server.
 */
class LmsFaultsIT extends ProcessTest {
    private static final String NO_LEARNERS = "{\"count\":0,\"next\":null,\"previous\":null,\"results\":[]}";
    @Override
    TestDatabase target() {
        return TestDatabase.MARIADB;
    }

    @Test
    void burstsRateLimitsAndTimeoutsAreRetriedMalformedAndEndlessAnswersFailOnlyTheirEnterprise() {
        Scenario scenario = Scenario.many(6, 2);
        scenario.load(db, lms);
        lms.fault(FakeLms.learnersOf(enterprise(1)), 2, r -> Answer.status(503));
        lms.fault(FakeLms.learnersOf(enterprise(2)), 1, r -> Answer.json(429, "{\"detail\":\"Request was throttled.\"}").withHeader("Retry-After", "1"));
        lms.fault(FakeLms.learnersOf(enterprise(3)), 1, r -> Answer.json(200, "{}").late(3_000));
        lms.fault(FakeLms.learnersOf(enterprise(4)), -1, r -> Answer.json(200, "{\"count\": 2, \"results\": [{\"id\": 4"));
        lms.fault(FakeLms.learnersOf(enterprise(5)), -1, r -> {
            String page = r.param("page");
            int next = (page == null ? 1 : Integer.parseInt(page)) + 1;
            return Answer.json(200, FakeLms.page(enterprise(5), List.of(scenario.orgs.get(4).admins()), 1,
                    lms.nextLink(enterprise(5), next)));
        });
        lms.fault(FakeLms.learnersOf(enterprise(6)), -1, r -> Answer.status(500));
        Set<Email> due = scenario.due(Scenario.AS_OF);
        Set<String> failing = Set.of(enterprise(4).toString(), enterprise(5).toString(), enterprise(6).toString());

        Result faulty = command().with("lms.max-pages", "20").run("send", "--as-of", Scenario.AS_OF.toString());

        assertThat(faulty.exitCode()).as(faulty.toString()).isEqualTo(1);
        assertThat(braze.emails()).containsExactlyInAnyOrderElementsOf(
                due.stream().filter(e -> !failing.contains(e.enterprise())).collect(Collectors.toSet()));
        for (String enterprise : failing) assertThat(faulty.stdout()).contains("enterprise " + Scenario.described(enterprise) + ": ADMIN_LOOKUP");
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

    @Test
    void anAnswerThatStallsAfterItsHeadersFailsItsEnterpriseWithinTheDeadlines() {
        Scenario scenario = Scenario.many(3, 2);
        scenario.load(db, lms);
        lms.fault(FakeLms.learnersOf(enterprise(2)), -1, r -> Answer.json(200, FakeLms.page(enterprise(2), List.of(scenario.orgs.get(1).admins()), 1, null)).trickling(300_000));
        Set<Email> due = scenario.due(Scenario.AS_OF);
        long began = System.nanoTime();

        Result run = command().start("send", "--as-of", Scenario.AS_OF.toString()).await(Duration.ofSeconds(75));

        assertThat(Duration.ofNanos(System.nanoTime() - began)).as(run.toString()).isLessThan(Duration.ofSeconds(60));
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.stdout()).contains("enterprise " + Scenario.described(enterprise(2)) + ": ADMIN_LOOKUP").contains("timed out");
        assertThat(braze.emails()).containsExactlyInAnyOrderElementsOf(due.stream()
                .filter(e -> !e.enterprise().equals(enterprise(2).toString())).collect(Collectors.toSet()));
        Processes.assertNoSecret(run, db);
    }

    @Test
    void aTokenEndpointDownForTwoHundredEnterprisesEndsTheRunQuicklyAndTheNextRunSendsEverythingOnce() {
        Scenario scenario = Scenario.many(200, 1);
        scenario.load(db, lms);
        int faultsBefore = lms.faultsServed();
        lms.fault(FakeLms.tokenEndpoint(), -1, r -> Answer.status(503));
        Set<Email> due = scenario.due(Scenario.AS_OF);
        long began = System.nanoTime();

        Result down = command().start("send", "--as-of", Scenario.AS_OF.toString()).await(Duration.ofSeconds(75));

        assertThat(Duration.ofNanos(System.nanoTime() - began)).as(down.toString()).isLessThan(Duration.ofSeconds(60));
        assertThat(down.exitCode()).as(down.toString()).isEqualTo(1);
        assertThat(lms.tokenRequests()).as("token requests").isBetween(1L, 36L);
        assertThat(lms.learnerRequests()).isZero();
        assertThat(braze.emails()).isEmpty();
        int faults = lms.faultsServed() - faultsBefore;

        lms.heal();
        lms.forget();
        Result back = command().run("send", "--as-of", Scenario.AS_OF.toString());

        assertThat(back.exitCode()).as(back.toString()).isZero();
        assertThat(lms.tokenRequests()).isEqualTo(1);
        assertThat(braze.emails()).hasSameSizeAs(due).containsExactlyInAnyOrderElementsOf(due);
        Reliability.Figures f = Reliability.measure("LMS: token endpoint down, 200 enterprises", faults, 2, scenario,
                due, braze.emails(), db.ledger());
        assertThat(f.duplicates()).isZero();
        assertThat(f.lost()).isZero();
        Processes.assertNoSecret(down, db);
    }

    @Test
    void aNextLinkToASecondServerSendsItNothingAndFailsOnlyThatEnterprise() {
        try (FakeLms other = new FakeLms()) {
            Scenario scenario = Scenario.many(3, 2);
            scenario.load(db, lms);
            // the LMS's own address, then a path that starts a new authority: localhost is the second server
            String next = lms.baseUrl() + "//localhost:" + other.baseUrl().getPort() + "/steal?page=2";
            lms.fault(FakeLms.learnersOf(enterprise(2)), -1, r -> Answer.json(200,
                    FakeLms.page(enterprise(2), List.of(scenario.orgs.get(1).admins()), 1, next)));
            Set<Email> due = scenario.due(Scenario.AS_OF);

            Result run = command().run("send", "--as-of", Scenario.AS_OF.toString());

            assertThat(other.received()).as("requests the second server received").isEmpty();
            assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
            assertThat(run.stdout()).contains("enterprise " + Scenario.described(enterprise(2)) + ": ADMIN_LOOKUP").contains("next page");
            assertThat(braze.emails()).containsExactlyInAnyOrderElementsOf(due.stream()
                    .filter(e -> !e.enterprise().equals(enterprise(2).toString())).collect(Collectors.toSet()));
            Processes.assertNoSecret(run, db);
        }
    }

    @Test
    void anLmsServiceUserThatSeesNoAdminAnywhereFailsTheRunAndTheCheckNamesIt() {
        // what a service user without staff rights gets: every enterprise's page of learners is empty
        Scenario.many(3, 1).load(db, lms);
        lms.fault(FakeLms.anyLearnerPage(), -1, r -> Answer.json(200, NO_LEARNERS));

        Result run = command().run("send", "--as-of", Scenario.AS_OF.toString());
        Result check = command().run("check");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.stdout()).contains("the LMS listed no admin for any of the 3 enterprises looked up",
                "lms.oauth.client-id").doesNotContain("Result: OK");
        assertThat(braze.runErrors()).as("the run-error email").hasSize(1);
        assertThat(braze.emails()).isEmpty();
        assertThat(check.exitCode()).as(check.toString()).isEqualTo(1);
        assertThat(check.stdout()).contains("FAILED lms: ", "lists no admin", "lms.oauth.client-id");

        lms.heal();
        Result healthy = command().run("check");

        assertThat(healthy.stdout()).as(healthy.toString()).containsPattern("ok +lms: .*lists 1 admin of enterprise ");
    }
}
