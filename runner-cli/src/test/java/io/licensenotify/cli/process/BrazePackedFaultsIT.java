package io.licensenotify.cli.process;

import io.licensenotify.adapter.persistence.TestDatabase;
import io.licensenotify.cli.process.LicenseNotifyProcess.Result;
import io.licensenotify.standin.Answer;
import io.licensenotify.standin.BrazeStandIn;
import io.licensenotify.standin.BrazeStandIn.Email;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Braze failing on packed requests (the default, {@code braze.batching=packed}): each fault strikes exactly the
 * deliveries of its request, of many enterprises, and each is reported with its own enterprise. 30 enterprises of 2
 * admins: the digests leave in two requests (50 and 10), the 75 % and the 100 % emails in one request each (20 of 10
 * enterprises). A 5xx burst on the first digest request and a 429 on the second are retried and sent; the 75 %
 * request times out (uncertain, never resent); the 100 % request meets a 502 that outlasts the retries (failed; the
 * rerun sends it, packed again).
 */
class BrazePackedFaultsIT extends ProcessTest {
    @Override
    TestDatabase target() {
        return TestDatabase.MARIADB;
    }

    @Test
    void aFaultStrikesExactlyTheDeliveriesOfItsPackedRequestAndTheRerunSendsTheFailedOnes() {
        Scenario scenario = Scenario.many(30, 2);
        scenario.load(db, lms);
        braze.fault(FakeBraze.forCampaign("campaign-digest").and(r -> r.json().path("recipients").size() == 50), 2,
                r -> Answer.status(503));
        braze.fault(FakeBraze.forCampaign("campaign-digest").and(r -> r.json().path("recipients").size() == 10), 1,
                r -> Answer.json(429, "{\"message\":\"rate limited\"}").withHeader("X-RateLimit-Reset",
                        Long.toString(java.time.Instant.now().getEpochSecond() + 2)));
        braze.fault(FakeBraze.forCampaign("campaign-75"), 1, r -> Processes.created().late(3_000));
        braze.fault(FakeBraze.forCampaign("campaign-100"), -1, r -> Answer.status(502));
        Set<Email> due = scenario.due(Scenario.AS_OF);

        // no request leaves before it is full or the run has no enterprise left: the requests are the ones above
        LicenseNotifyProcess command = command().with("braze.pack-linger", "PT30S");
        Result faulty = command.run("send", "--as-of", Scenario.AS_OF.toString());

        assertThat(faulty.exitCode()).as(faulty.toString()).isEqualTo(1);
        List<Email> received = new ArrayList<>(braze.emails());
        int faults = braze.faultsServed();
        assertThat(braze.requests()).as("the digests' two requests: 50 tried three times, 10 twice")
                .filteredOn(b -> b.path("campaign_id").asText().equals("campaign-digest"))
                .extracting(b -> b.path("recipients").size()).containsExactlyInAnyOrder(50, 50, 50, 10, 10);
        assertThat(received).as("every digest after the burst, and the 75 % ones Braze took on too late")
                .hasSize(80).noneMatch(e -> e.campaign().equals("campaign-100"))
                .filteredOn(e -> e.campaign().equals("campaign-digest")).hasSize(60);
        Set<String> sentTo75 = new HashSet<>();
        for (var body : braze.requests())
            if (body.path("campaign_id").asText().equals("campaign-75")) sentTo75.addAll(BrazeStandIn.enterprisesOf(body));
        assertThat(sentTo75).as("one request packs the 75 % emails of 10 enterprises").hasSize(10);
        assertThat(db.ledger("UNCERTAIN")).as("exactly the timed-out request's deliveries").hasSize(20)
                .allSatisfy(r -> {
                    assertThat(r.kind()).isEqualTo("UTILIZATION_75");
                    assertThat(sentTo75).contains(r.enterprise());
                });
        assertThat(db.ledger("FAILED")).hasSize(20).allSatisfy(r -> assertThat(r.kind()).isEqualTo("UTILIZATION_100"));
        for (String enterprise : sentTo75)
            assertThat(faulty.stdout()).as("each uncertain delivery named with its own enterprise")
                    .containsPattern("enterprise [^\\n]*" + enterprise + "[^\\n]*UTILIZATION_75: OUTCOME_UNKNOWN");
        assertThat(faulty.stdout()).contains("SEND_TRANSIENT");

        braze.heal();
        braze.forget();
        Result healed = command.run("send", "--as-of", Scenario.AS_OF.toString());

        assertThat(healed.exitCode()).as(healed.toString()).isZero();
        assertThat(braze.emails()).hasSize(20).allMatch(e -> e.campaign().equals("campaign-100"));
        assertThat(braze.requests()).as("the failed ones leave packed again").hasSize(1);
        received.addAll(braze.emails());
        Reliability.Figures f = Reliability.measure("Braze: 5xx, 429, timeout, 502, packed requests", faults, 2,
                scenario, due, received, db.ledger());
        assertThat(f.duplicates()).isZero();
        assertThat(f.lost()).isZero();
        assertThat(f.uncertain()).isEqualTo(20);
        Processes.assertNoSecret(faulty, db);
        Processes.assertNoSecret(healed, db);
    }
}
