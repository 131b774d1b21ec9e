package io.licensenotify.cli.process;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.licensenotify.adapter.persistence.TestDatabase;
import io.licensenotify.cli.process.LicenseNotifyProcess.Result;
import io.licensenotify.standin.BrazeStandIn.Email;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Deliveries left uncertain by a Braze that never answered are released by an operator,
 * with a reason, without SQL; {@code history} shows who released them and why, and the next run sends them.
 */
class ReleaseIT extends ProcessTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    TestDatabase target() {
        return TestDatabase.H2;
    }

    @Test
    void uncertainDeliveriesAreReleasedWithAReasonShownByHistoryAndSentByTheNextRun() throws IOException {
        Scenario scenario = Scenario.standard();
        scenario.load(db, lms);
        UUID acme = Scenario.enterprise(1);
        // Braze takes acme's request and answers after the deadline: whether it sent is unknown
        braze.fault(FakeBraze.forEnterprise(acme), -1, r -> Processes.created().late(4_000));
        Result first = command().run("send", "--as-of", Scenario.AS_OF.toString());
        assertThat(first.exitCode()).as(first.toString()).isEqualTo(1);
        assertThat(first.stdout()).as("the summary says what to do next")
                .contains("license-notify release --state UNCERTAIN", "license-notify history --state UNCERTAIN");
        List<ItDatabase.Row> uncertain = db.ledger("UNCERTAIN");
        assertThat(uncertain).isNotEmpty().allMatch(r -> r.enterprise().equals(acme.toString()));
        braze.heal();
        braze.forget();

        Result noReason = command().run("release", "--state", "UNCERTAIN");
        Result dry = command().run("release", "--state", "UNCERTAIN", "--enterprise", acme.toString(), "--reason",
                "checking", "--dry-run");
        assertThat(noReason.exitCode()).as(noReason.toString()).isEqualTo(2);
        assertThat(noReason.stderr()).contains("--reason");
        assertThat(dry.exitCode()).as(dry.toString()).isZero();
        assertThat(dry.stdout()).contains("would release UNCERTAIN", "nothing changed");
        assertThat(db.ledger("UNCERTAIN")).hasSameSizeAs(uncertain);

        Result release = command().run("release", "--state", "UNCERTAIN", "--enterprise", acme.toString(),
                "--reason", "Braze's logs show no send", "--by", "ops-alice");

        assertThat(release.exitCode()).as(release.toString()).isZero();
        assertThat(release.stdout().lines().filter(l -> l.startsWith("released UNCERTAIN "))).hasSameSizeAs(uncertain);
        assertThat(release.stdout()).contains("Released " + uncertain.size(), "the next send sends them");
        assertThat(db.ledger("UNCERTAIN")).isEmpty();
        Result history = command().run("history", "--enterprise", acme.toString(), "--state", "FAILED");
        assertThat(history.stdout()).contains("released by ops-alice at ", ": Braze's logs show no send");
        JsonNode line = JSON.readTree(command().run("history", "--json", "--state", "FAILED").stdout().lines()
                .findFirst().orElseThrow());
        assertThat(line.path("released_by").asText()).isEqualTo("ops-alice");
        assertThat(line.path("release_reason").asText()).isEqualTo("Braze's logs show no send");
        assertThat(line.path("released_at").asText()).isNotBlank();

        Result next = command().run("send", "--as-of", Scenario.AS_OF.toString());

        assertThat(next.exitCode()).as(next.toString()).isZero();
        assertThat(braze.emails()).extracting(Email::enterprise).hasSameSizeAs(uncertain).containsOnly(acme.toString());
        assertThat(db.ledger("SENT")).hasSize(scenario.due(Scenario.AS_OF).size());
        Processes.assertNoSecret(release, db);
    }

    @Test
    void releaseSaysWhichReleasedDeliveryTheNextSendSendsAndWhichItNeverWillAndWhy() {
        Scenario scenario = new Scenario();
        UUID acme = Scenario.enterprise(1);
        // 80 %: threshold 75 and the first digest due for the one admin
        scenario.org(1, 16, 20, List.of(io.licensenotify.standin.LmsStandIn.Admin.of(101, 1001, "Alice",
                Scenario.daysBefore(Scenario.AS_OF, 10))));
        scenario.load(db, lms);
        braze.fault(FakeBraze.forEnterprise(acme), -1, r -> Processes.created().late(4_000));
        Result first = command().run("send", "--as-of", Scenario.AS_OF.toString());
        assertThat(first.exitCode()).as(first.toString()).isEqualTo(1);
        assertThat(db.ledger("UNCERTAIN")).extracting(ItDatabase.Row::kind)
                .containsExactlyInAnyOrder("UTILIZATION_75", "WEEKLY_DIGEST");
        braze.heal();
        // the plan fills up: the next run sends 100 %, after which 75 % is never sent
        db.execute("UPDATE subscriptions_license SET status = 'activated' WHERE status = 'unassigned'");
        Result full = command().run("send", "--as-of", Scenario.AS_OF.toString());
        assertThat(full.exitCode()).as(full.toString()).isZero();
        assertThat(db.ledger("SENT")).extracting(ItDatabase.Row::kind).containsExactly("UTILIZATION_100");
        braze.forget();

        Result release = command().run("release", "--state", "UNCERTAIN", "--enterprise", acme.toString(),
                "--reason", "Braze's logs show no send");

        assertThat(release.exitCode()).as(release.toString()).isZero();
        assertThat(release.stdout().lines().filter(l -> l.startsWith("released UNCERTAIN WEEKLY_DIGEST")))
                .singleElement().asString().contains(": the next send sends it if its week is still current");
        assertThat(release.stdout().lines().filter(l -> l.startsWith("released UNCERTAIN UTILIZATION_75")))
                .singleElement().asString().contains(": will not be sent: 100 % is already recorded for this admin"
                        + " and plan (SENT): a lower threshold is never sent after a higher one");
        assertThat(release.stdout()).contains("Released 2 deliveries (now FAILED): the next send sends 1 of them;"
                + " 1 will not be sent (each line says why).");

        Result next = command().run("send", "--as-of", Scenario.AS_OF.toString());

        assertThat(next.exitCode()).as(next.toString()).isZero();
        assertThat(braze.emails()).as("what release said: the digest, not the lower threshold")
                .extracting(Email::campaign).containsExactly("campaign-digest");
    }
}
