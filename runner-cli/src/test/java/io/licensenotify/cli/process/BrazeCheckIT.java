package io.licensenotify.cli.process;

import io.licensenotify.adapter.persistence.TestDatabase;
import io.licensenotify.cli.process.LicenseNotifyProcess.Result;
import io.licensenotify.standin.Answer;
import io.licensenotify.standin.BrazeStandIn;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code check} proves the Braze API key and each configured campaign without sending (docs/operating.md "Commands";
 * docs/operating.md "What SENT means"): a key Braze refuses, a key without the permission to read campaign details,
 * and a campaign that would drop the emails each fail it, naming the setting.
 */
class BrazeCheckIT extends ProcessTest {
    @Override
    TestDatabase target() {
        return TestDatabase.H2;
    }

    @Test
    void aWrongApiKeyFailsTheCheckNamingTheKeyAndNeverShowingIt() {
        Scenario.standard().load(db, lms);
        String wrong = "wrong-braze-key-4f1c9a";

        Result check = command().with("braze.api-key", wrong).run("check");

        assertThat(check.exitCode()).as(check.toString()).isEqualTo(1);
        assertThat(check.stdout()).contains("FAILED braze: Braze refused braze.api-key (HTTP 401)");
        assertThat(check.output()).doesNotContain(wrong);
        assertThat(braze.emails()).isEmpty();
    }

    @Test
    void aWellConfiguredWorkspacePassesAndNamesEveryCampaignRead() {
        Scenario.standard().load(db, lms);

        Result check = command().run("check");

        assertThat(check.exitCode()).as(check.toString()).isZero();
        assertThat(check.stdout()).containsPattern("ok +braze: .*braze.api-key reads the 4 campaigns")
                .contains("braze.campaign.weekly-digest (campaign-digest", "braze.campaign.run-errors",
                        "re-eligibility, frequency capping and the Global Control Group");
        assertThat(braze.requests()).as("sends").isEmpty();
    }

    @Test
    void anArchivedDigestCampaignThatIsNotApiTriggeredFailsTheCheckNamingIt() {
        Scenario.standard().load(db, lms);
        Map<String, Object> details = new java.util.HashMap<>(BrazeStandIn.apiTriggeredEmail("Weekly digest"));
        details.put("archived", true);
        details.put("schedule_type", "time_based");
        braze.campaignDetails("campaign-digest", details);

        Result check = command().run("check");

        assertThat(check.exitCode()).as(check.toString()).isEqualTo(1);
        assertThat(check.stdout()).contains("FAILED braze: campaigns that would drop the emails: "
                + "braze.campaign.weekly-digest (campaign-digest, 'Weekly digest'): archived (unarchive it), "
                + "not API-triggered (schedule_type 'time_based'");
    }

    @Test
    void aControlVariantIsAWarningAndAKeyWithoutTheDetailsPermissionFailsNamingIt() {
        Scenario.standard().load(db, lms);
        Map<String, Object> details = new java.util.HashMap<>(BrazeStandIn.apiTriggeredEmail("75 %"));
        details.put("messages", Map.of("v1", Map.of("channel", "email", "name", "Variation 1"),
                "v2", Map.of("channel", "email", "type", "control")));
        braze.campaignDetails("campaign-75", details);

        Result warned = command().run("check");
        braze.fault(r -> r.path().equals(BrazeStandIn.DETAILS_PATH), -1,
                r -> Answer.json(403, Map.of("message", "Access Denied")));
        Result denied = command().run("check");

        assertThat(warned.exitCode()).as(warned.toString()).isZero();
        assertThat(warned.stdout()).contains("warning: braze.campaign.utilization-75 (campaign-75, '75 %') has a"
                + " control variant");
        assertThat(denied.exitCode()).as(denied.toString()).isEqualTo(1);
        assertThat(denied.stdout()).contains("FAILED braze: Braze answered HTTP 403", "campaigns.details");
    }
}
