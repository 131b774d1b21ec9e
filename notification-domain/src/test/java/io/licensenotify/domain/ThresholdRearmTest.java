package io.licensenotify.domain;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.licensenotify.domain.testdata.TestData.aPlan;
import static io.licensenotify.domain.testdata.TestData.anAdmin;
import static io.licensenotify.domain.testdata.TestData.anEnterprise;
import static io.licensenotify.domain.testdata.TestData.TODAY;
import static org.assertj.core.api.Assertions.assertThat;

/** Rule 7: thresholds that re-arm when utilization falls M points below them, day by day (docs/design.md "Thresholds that re-arm"). */
class ThresholdRearmTest {
    private final Enterprise enterprise = anEnterprise();
    private final Admin admin = anAdmin().activatedOn(TODAY).build();
    private final UUID planId = UUID.randomUUID();
    private final Map<DeliveryKey, DeliveryState> ledger = new HashMap<>();

    /** One run at {@code percent} utilization; sends and supersedes what is decided, records the re-arming. */
    private List<String> run(Eligibility rules, int percent) {
        Plan plan = aPlan().uuid(planId).withAssigned(percent).of(100);
        Decision.Evaluated d = (Decision.Evaluated) rules.decide(enterprise, List.of(plan), List.of(admin),
                new Recorded(ledger), List.of(), TODAY);
        d.rearmed().forEach(x -> ledger.put(x.key(), DeliveryState.ARMED));
        d.due().forEach(x -> ledger.put(x.key(), DeliveryState.SENT));
        d.superseded().forEach(x -> ledger.put(x.key(), DeliveryState.SUPERSEDED));
        return d.due().stream().map(x -> x.kind().code() + "/" + x.key().period()).toList();
    }

    @Test
    void withAMarginOfTenPointsSeventyFiveAndOneHundredReArmAndAreSentAgainOnce() {
        Eligibility rules = new Eligibility(new NotificationRules(ThresholdPolicy.DEFAULT.rearmingBelow(10),
                WeeklyDigestPolicy.DEFAULT, NotificationRules.DEFAULT.zone()));

        assertThat(run(rules, 80)).as("day 1").containsExactly("UTILIZATION_75/0");
        assertThat(run(rules, 70)).as("day 2").isEmpty();
        assertThat(run(rules, 78)).as("day 3: between T - M and T nothing changes").isEmpty();
        assertThat(run(rules, 60)).as("day 4: 75 re-armed").isEmpty();
        assertThat(ledger).containsEntry(key(75, 1), DeliveryState.ARMED);
        assertThat(run(rules, 80)).as("day 5").containsExactly("UTILIZATION_75/1");
        assertThat(run(rules, 100)).as("day 6").containsExactly("UTILIZATION_100/0");
        assertThat(run(rules, 50)).as("day 7: both re-armed").isEmpty();
        assertThat(run(rules, 100)).as("day 8").containsExactly("UTILIZATION_100/1");
        assertThat(ledger).containsEntry(key(75, 2), DeliveryState.SUPERSEDED);
    }

    @Test
    void withoutTheSettingTheSameDaysSendSeventyFiveOnceAndOneHundredOnce() {
        Eligibility rules = new Eligibility(NotificationRules.DEFAULT);
        int[] days = {80, 70, 78, 60, 80, 100, 50, 100};
        List<String> sent = new java.util.ArrayList<>();
        for (int percent : days) sent.addAll(run(rules, percent));

        assertThat(sent).containsExactly("UTILIZATION_75/0", "UTILIZATION_100/0");
        assertThat(ledger.values()).doesNotContain(DeliveryState.ARMED);
    }

    @Test
    void aClaimStillInFlightIsNeverReArmed() {
        Eligibility rules = new Eligibility(new NotificationRules(ThresholdPolicy.DEFAULT.rearmingBelow(10),
                WeeklyDigestPolicy.DEFAULT, NotificationRules.DEFAULT.zone()));
        ledger.put(key(75, 0), DeliveryState.SENDING);

        assertThat(run(rules, 10)).isEmpty();
        assertThat(ledger).doesNotContainKey(key(75, 1));
    }

    private DeliveryKey key(int percent, long generation) {
        return DeliveryKey.threshold(admin.ecuId(), enterprise.uuid(), percent, planId, generation);
    }

}
