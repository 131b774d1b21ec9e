package io.licensenotify.cli.process;

import io.licensenotify.adapter.persistence.TestDatabase;
import io.licensenotify.cli.process.LicenseNotifyProcess.Result;
import io.licensenotify.standin.Answer;
import io.licensenotify.standin.BrazeStandIn.Email;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static io.licensenotify.cli.process.Scenario.enterprise;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Braze failing on purpose, one fault per enterprise in the same run: 5xx bursts and a 429 are retried
 * and sent; a read timeout is uncertain and never resent; a 400 for one campaign and a 5xx that outlasts the
 * retries fail, and the rerun after Braze heals sends them: nothing twice, nothing lost. Runs with
 * {@code braze.batching=enterprise}, so that each request is one enterprise's ({@link BrazePackedFaultsIT} plays
 * faults on packed requests).
 */
class BrazeFaultsIT extends ProcessTest {
    @Override
    TestDatabase target() {
        return TestDatabase.POSTGRES;
    }

    @Override
    String batching() {
        return "enterprise";
    }

    @Test
    void burstsAndRateLimitsAreRetriedATimeoutIsUncertainRefusalsFailAndTheRerunSendsTheRest() {
        Scenario scenario = Scenario.many(5, 2);
        scenario.load(db, lms);
        braze.fault(FakeBraze.forEnterprise(enterprise(1)), 2, r -> Answer.status(503));
        braze.fault(FakeBraze.forEnterprise(enterprise(2)), 1, r -> Answer.json(429, "{\"message\":\"rate limited\"}").withHeader("X-RateLimit-Reset", Long.toString(Instant.now().getEpochSecond() + 2)));
        braze.fault(FakeBraze.forEnterprise(enterprise(3)), 1, r -> Processes.created().late(3_000));
        braze.fault(FakeBraze.forEnterprise(enterprise(4)).and(FakeBraze.forCampaign("campaign-digest")), -1,
                r -> Answer.json(400, "{\"message\":\"Invalid Campaign ID\"}"));
        braze.fault(FakeBraze.forEnterprise(enterprise(5)).and(FakeBraze.anyAdminEmail()), -1, r -> Answer.status(503));
        Set<Email> due = scenario.due(Scenario.AS_OF);

        Result faulty = command().run("send", "--as-of", Scenario.AS_OF.toString());

        assertThat(faulty.exitCode()).as(faulty.toString()).isEqualTo(1);
        assertThat(faulty.stdout()).contains("enterprise " + Scenario.described(enterprise(4)) + ", ECU 401, WEEKLY_DIGEST: SEND_PERMANENT")
                .contains("enterprise " + enterprise(5)).contains("OUTCOME_UNKNOWN");
        assertThat(db.ledger("UNCERTAIN")).extracting(ItDatabase.Row::enterprise).containsOnly(enterprise(3).toString());
        List<Email> received = new ArrayList<>(braze.emails());
        int faults = braze.faultsServed();

        braze.heal();
        braze.forget();
        Result healed = command().run("send", "--as-of", Scenario.AS_OF.toString());

        assertThat(healed.exitCode()).as(healed.toString()).isZero();
        received.addAll(braze.emails());
        assertThat(braze.emails()).noneMatch(e -> e.enterprise().equals(enterprise(3).toString()));
        Reliability.Figures f = Reliability.measure(named("Braze: 5xx, 429, read timeout, 400, 502"), faults, 2, scenario,
                due, received, db.ledger());
        assertThat(f.duplicates()).isZero();
        assertThat(f.lost()).isZero();
        assertThat(f.sent()).isEqualTo(due.size());
        Processes.assertNoSecret(faulty, db);
        Processes.assertNoSecret(healed, db);
    }
}
