package io.licensenotify.domain;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

import static io.licensenotify.domain.testdata.TestData.TODAY;
import static io.licensenotify.domain.testdata.TestData.aPlan;
import static io.licensenotify.domain.testdata.TestData.anAdmin;
import static io.licensenotify.domain.testdata.TestData.anEnterprise;
import static io.licensenotify.domain.testdata.TestData.at;
import static org.assertj.core.api.Assertions.assertThat;

class EligibilityTest {
    private final Eligibility eligibility = new Eligibility(NotificationRules.DEFAULT);
    private final Enterprise enterprise = anEnterprise();

    @Test
    void aThresholdReachedOnTheDayOfADigestGivesBoth() {
        Plan plan = aPlan().withAssigned(3).of(4);
        Admin admin = anAdmin().activatedOn(TODAY.minusDays(7)).build();
        Decision.Evaluated decision = evaluated(eligibility.decide(enterprise, List.of(plan), List.of(admin), Set.of(), TODAY));
        assertThat(decision.due()).extracting(Delivery::key).containsExactlyInAnyOrder(
                DeliveryKey.threshold(admin.ecuId(), enterprise.uuid(), 75, plan.uuid()),
                DeliveryKey.weeklyDigest(admin.ecuId(), enterprise.uuid(), TODAY));
        assertThat(decision.plan()).isEqualTo(plan);
    }

    @Test
    void nothingRecordedTwice() {
        Plan plan = aPlan().withAssigned(3).of(4);
        Admin admin = anAdmin().activatedOn(TODAY.minusDays(7)).build();
        Set<DeliveryKey> recorded = Set.of(
                DeliveryKey.threshold(admin.ecuId(), enterprise.uuid(), 75, plan.uuid()),
                DeliveryKey.weeklyDigest(admin.ecuId(), enterprise.uuid(), TODAY));
        assertThat(evaluated(eligibility.decide(enterprise, List.of(plan), List.of(admin), recorded, TODAY)).due()).isEmpty();
    }

    @Test
    void thresholdsAreCountedPerAdminSoANewAdminGetsTheCurrentOne() {
        Plan plan = aPlan().withActivated(10).of(10);
        Admin old = anAdmin().build();
        Admin fresh = anAdmin().build();
        Set<DeliveryKey> recorded = Set.of(DeliveryKey.threshold(old.ecuId(), enterprise.uuid(), 100, plan.uuid()));
        Decision.Evaluated decision = evaluated(eligibility.decide(enterprise, List.of(plan), List.of(old, fresh), recorded, TODAY));
        assertThat(decision.due()).extracting(d -> d.admin().ecuId()).containsExactly(fresh.ecuId());
        assertThat(decision.superseded()).extracting(d -> d.key().kind()).containsExactly(NotificationKind.threshold(75));
    }

    @Test
    void aPlanWithZeroLicensesFiresNoThresholdButTheDigestStillGoes() {
        Plan empty = aPlan().of(0);
        Admin admin = anAdmin().activatedOn(TODAY.minusDays(10)).build();
        Decision.Evaluated decision = evaluated(eligibility.decide(enterprise, List.of(empty), List.of(admin), Set.of(), TODAY));
        assertThat(decision.due()).extracting(Delivery::kind).containsExactly(NotificationKind.WEEKLY_DIGEST);
    }

    @Test
    void inactiveAdminsAndAdminsWithoutLmsUserOrEmailAreSkippedWithAReason() {
        Plan plan = aPlan().withAssigned(10).of(10);
        Admin inactive = anAdmin().inactive().build();
        Admin noUser = anAdmin().withoutLmsUser().build();
        Admin noEmail = anAdmin().withoutEmail().build();
        Admin ok = anAdmin().build();
        Decision.Evaluated decision = evaluated(eligibility.decide(enterprise, List.of(plan), List.of(inactive, noUser, noEmail, ok, ok), Set.of(), TODAY));
        assertThat(decision.skipped()).extracting(SkippedAdmin::reason).containsExactly(
                SkipReason.INACTIVE, SkipReason.NO_LMS_USER_ID, SkipReason.NO_EMAIL, SkipReason.DUPLICATE);
        assertThat(decision.due()).extracting(d -> d.admin().ecuId()).containsExactly(ok.ecuId());
    }

    @Test
    void anEnterpriseWithoutAdminsOrWithoutAPlanIsSkipped() {
        Plan plan = aPlan().withAssigned(10).of(10);
        assertThat(eligibility.decide(enterprise, List.of(plan), List.of(), Set.of(), TODAY))
                .isEqualTo(new Decision.Skipped(enterprise, SkipReason.NO_ADMINS));
        Plan expired = aPlan().starting(at(TODAY.minusDays(9))).expiring(at(TODAY.minusDays(1))).of(10);
        assertThat(eligibility.decide(enterprise, List.of(expired), List.of(anAdmin().build()), Set.of(), TODAY))
                .isEqualTo(new Decision.Skipped(enterprise, SkipReason.NO_AUTO_ASSIGN_PLAN));
        assertThat(eligibility.select(enterprise, List.of(expired), TODAY))
                .as("rule 1 alone, before any admin is read")
                .isEqualTo(new Decision.Skipped(enterprise, SkipReason.NO_AUTO_ASSIGN_PLAN));
    }

    @Test
    void thresholdsFollowTheAutoAssignPlanNotAnyPlan() {
        Plan soonFull = aPlan().expiring(at(TODAY.plusDays(10))).withAssigned(1).of(10);
        Plan laterFull = aPlan().expiring(at(TODAY.plusDays(99))).withAssigned(10).of(10);
        Decision.Evaluated decision = evaluated(eligibility.decide(enterprise, List.of(laterFull, soonFull), List.of(anAdmin().build()), Set.of(), TODAY));
        assertThat(decision.plan()).isEqualTo(soonFull);
        assertThat(decision.due()).isEmpty();
    }

    @Test
    void aRunAtOneMinuteToMidnightAndOneAtOnePastSeeTheirOwnDates() {
        // Activated at 00:01 on day 0: day 7's digest is due on day 7 whatever the hour of either event.
        LocalDate activation = TODAY.minusDays(7);
        Admin lateRunner = anAdmin().activatedAt(at(activation).plusSeconds(23 * 3600 + 59 * 60)).build();
        Admin earlyRunner = anAdmin().activatedAt(at(activation).plusSeconds(60)).build();
        Plan plan = aPlan().of(10);
        Decision.Evaluated today = evaluated(eligibility.decide(enterprise, List.of(plan), List.of(lateRunner, earlyRunner), Set.of(), TODAY));
        assertThat(today.due()).hasSize(2);
        Decision.Evaluated yesterday = evaluated(eligibility.decide(enterprise, List.of(plan), List.of(lateRunner, earlyRunner), Set.of(), TODAY.minusDays(1)));
        assertThat(yesterday.due()).isEmpty();
    }

    @Test
    void activationDatesAreTakenInTheConfiguredZone() {
        // 20:00 UTC on the 17th is already the 18th in Tokyo: the first digest there is on the 25th, not the 24th.
        Instant activated = at(TODAY.minusDays(8)).plusSeconds(20 * 3600);
        Admin admin = anAdmin().activatedAt(activated).build();
        Plan plan = aPlan().starting(at(TODAY.minusDays(40))).of(10);
        Eligibility utc = new Eligibility(NotificationRules.DEFAULT);
        Eligibility tokyo = new Eligibility(new NotificationRules(ThresholdPolicy.DEFAULT, WeeklyDigestPolicy.DEFAULT, ZoneId.of("Asia/Tokyo")));
        assertThat(evaluated(utc.decide(enterprise, List.of(plan), List.of(admin), Set.of(), TODAY.minusDays(1))).due()).hasSize(1);
        assertThat(evaluated(tokyo.decide(enterprise, List.of(plan), List.of(admin), Set.of(), TODAY.minusDays(1))).due()).isEmpty();
        assertThat(evaluated(tokyo.decide(enterprise, List.of(plan), List.of(admin), Set.of(), TODAY)).due()).hasSize(1);
    }

    @Test
    void recordsOfAnotherEnterpriseDoNotCount() {
        Plan plan = aPlan().withAssigned(8).of(10);
        Admin admin = anAdmin().build();
        Set<DeliveryKey> elsewhere = Set.of(DeliveryKey.threshold(admin.ecuId(), anEnterprise().uuid(), 75, plan.uuid()));
        assertThat(evaluated(eligibility.decide(enterprise, List.of(plan), List.of(admin), elsewhere, TODAY)).due()).hasSize(1);
    }

    private static Decision.Evaluated evaluated(Decision decision) {
        assertThat(decision).isInstanceOf(Decision.Evaluated.class);
        return (Decision.Evaluated) decision;
    }
}
