package io.licensenotify.domain;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Which released deliveries the next run sends, as the rules decide, and why the others are never sent. */
class ResendOutlookTest {
    private static final UUID ENTERPRISE = UUID.fromString("3f2a7c1e-5b6d-4e8f-9a0b-1c2d3e4f5a6b");
    private static final UUID PLAN = UUID.fromString("7a1c3e52-0a4b-4c1e-9d0f-2b8f6c1d9e01");
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 25);
    private static final DeliveryKey T75 = DeliveryKey.threshold(7, ENTERPRISE, 75, PLAN);
    private static final DeliveryKey T100 = DeliveryKey.threshold(7, ENTERPRISE, 100, PLAN);
    private static final DeliveryKey DIGEST = DeliveryKey.weeklyDigest(7, ENTERPRISE, LocalDate.of(2026, 11, 18));

    private static ResendOutlook outlook(DeliveryKey released, LocalDate claimedOn, Map<DeliveryKey, DeliveryState> held,
                                         List<Suppression> suppressions, NotificationRules rules) {
        return ResendOutlook.of(released, claimedOn, new Recorded(held), suppressions, TODAY, rules);
    }

    private static ResendOutlook outlook(DeliveryKey released, LocalDate claimedOn, Map<DeliveryKey, DeliveryState> held) {
        return outlook(released, claimedOn, held, List.of(), NotificationRules.DEFAULT);
    }

    @Test
    void aReleasedThresholdWithNothingHigherIsSentWhileItIsReached() {
        ResendOutlook o = outlook(T75, TODAY.minusDays(20), Map.of(T75, DeliveryState.UNCERTAIN));

        assertThat(o.sends()).isTrue();
        assertThat(o.why()).isEqualTo("if the plan's utilization still reaches 75 %");
    }

    @Test
    void aLowerThresholdIsNeverSentOnceAHigherOneIsRecorded() {
        ResendOutlook o = outlook(T75, TODAY, Map.of(T75, DeliveryState.UNCERTAIN, T100, DeliveryState.SENT));

        assertThat(o.sends()).isFalse();
        assertThat(o.why()).contains("100 % is already recorded for this admin and plan (SENT)",
                "a lower threshold is never sent after a higher one");
    }

    @Test
    void anOlderGenerationOfAReArmedThresholdIsNeverSent() {
        DeliveryKey next = DeliveryKey.threshold(7, ENTERPRISE, 75, PLAN, 1);
        ResendOutlook o = outlook(T75, TODAY, Map.of(T75, DeliveryState.UNCERTAIN, next, DeliveryState.ARMED), List.of(),
                new NotificationRules(ThresholdPolicy.DEFAULT.rearmingBelow(10), WeeklyDigestPolicy.DEFAULT,
                        NotificationRules.DEFAULT.zone()));

        assertThat(o.sends()).isFalse();
        assertThat(o.why()).contains("re-armed since", "generation 1");
    }

    @Test
    void aDigestOfTheWeekStillCurrentIsSentAndOneWhoseWeekHasPassedIsNot() {
        ResendOutlook sameDay = outlook(DIGEST, TODAY, Map.of(DIGEST, DeliveryState.UNCERTAIN));
        ResendOutlook weekLater = outlook(DIGEST, TODAY.minusDays(7), Map.of(DIGEST, DeliveryState.UNCERTAIN));

        assertThat(sameDay.sends()).isTrue();
        assertThat(sameDay.why()).contains("if its week is still current", "2026-12-01 at the latest");
        assertThat(weekLater.sends()).isFalse();
        assertThat(weekLater.why()).contains("its week has passed (claimed on 2026-11-18, a digest every 7 days)",
                "never caught up");
    }

    @Test
    void aDigestIsNeverSentOnceALaterWeeksDigestIsRecorded() {
        DeliveryKey later = DeliveryKey.weeklyDigest(7, ENTERPRISE, LocalDate.of(2026, 11, 25));
        ResendOutlook o = outlook(DIGEST, TODAY, Map.of(DIGEST, DeliveryState.UNCERTAIN, later, DeliveryState.SENT));

        assertThat(o.sends()).isFalse();
        assertThat(o.why()).contains("a later week's digest (period 20261125) is already recorded");
    }

    @Test
    void aSuppressedDeliveryIsNotSentWhileTheSuppressionStands() {
        Suppression admin = new Suppression(ENTERPRISE, Optional.of(7L), Optional.empty(), "on leave",
                Instant.parse("2026-11-01T00:00:00Z"), "ops");
        ResendOutlook o = outlook(T75, TODAY, Map.of(T75, DeliveryState.UNCERTAIN), List.of(admin),
                NotificationRules.DEFAULT);

        assertThat(o.sends()).isFalse();
        assertThat(o.why()).contains("suppressed (enterprise " + ENTERPRISE + ", ECU 7)");
    }
}
