package io.licensenotify.domain;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ThresholdPolicyTest {
    private final ThresholdPolicy policy = ThresholdPolicy.DEFAULT;

    @Test
    void nothingIsDueUnderTheLowestThreshold() {
        assertThat(policy.decide(new Utilization(74, 100), List.of()).due()).isEmpty();
    }

    @Test
    void seventyFivePercentIsDueOnce() {
        assertThat(policy.decide(new Utilization(75, 100), List.of()).due().map(ThresholdPolicy.Step::percent)).contains(75);
        assertThat(policy.decide(new Utilization(80, 100), List.of(75)).due()).isEmpty();
    }

    @Test
    void sendsOnlyTheHighestCrossedThresholdAndSupersedesTheLowerOnes() {
        ThresholdPolicy.Outcome outcome = policy.decide(new Utilization(100, 100), List.of());
        assertThat(outcome.due().map(ThresholdPolicy.Step::percent)).contains(100);
        assertThat(outcome.superseded()).extracting(ThresholdPolicy.Step::percent).containsExactly(75);
    }

    @Test
    void oneHundredPercentFollowsSeventyFive() {
        ThresholdPolicy.Outcome outcome = policy.decide(new Utilization(10, 10), List.of(75));
        assertThat(outcome.due().map(ThresholdPolicy.Step::percent)).contains(100);
        assertThat(outcome.superseded()).isEmpty();
    }

    @Test
    void neverSendsALowerThresholdAfterAHigherOne() {
        // Utilization fell back to 80 % after 100 % was sent: 75 % stays silent.
        ThresholdPolicy.Outcome outcome = policy.decide(new Utilization(80, 100), List.of(100));
        assertThat(outcome.due()).isEmpty();
        assertThat(outcome.superseded()).isEmpty();
    }

    @Test
    void aConfiguredListIsHonoured() {
        ThresholdPolicy custom = new ThresholdPolicy(List.of(50, 90));
        assertThat(custom.decide(new Utilization(60, 100), List.of()).due().map(ThresholdPolicy.Step::percent)).contains(50);
        assertThat(custom.decide(new Utilization(95, 100), List.of(50))).isEqualTo(
                new ThresholdPolicy.Outcome(Optional.of(new ThresholdPolicy.Step(90, 0)), List.of(), List.of()));
    }
}
