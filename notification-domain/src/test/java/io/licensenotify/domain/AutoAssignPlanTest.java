package io.licensenotify.domain;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import static io.licensenotify.domain.testdata.TestData.TODAY;
import static io.licensenotify.domain.testdata.TestData.aPlan;
import static io.licensenotify.domain.testdata.TestData.at;
import static io.licensenotify.domain.testdata.TestData.uuid;
import static org.assertj.core.api.Assertions.assertThat;

class AutoAssignPlanTest {
    private static final AsOf DAY = new AsOf(TODAY, ZoneId.of("UTC"));

    @Test
    void picksTheCandidateExpiringSoonest() {
        Plan later = aPlan().expiring(at(TODAY.plusDays(90))).of(10);
        Plan sooner = aPlan().expiring(at(TODAY.plusDays(30))).of(10);
        assertThat(AutoAssignPlan.select(List.of(later, sooner), DAY)).contains(sooner);
    }

    @Test
    void breaksTiesByUuid() {
        Instant expiry = at(TODAY.plusDays(30));
        Plan b = aPlan().uuid(uuid(2)).expiring(expiry).of(10);
        Plan a = aPlan().uuid(uuid(1)).expiring(expiry).of(10);
        assertThat(AutoAssignPlan.select(List.of(b, a), DAY)).contains(a);
        assertThat(AutoAssignPlan.select(List.of(a, b), DAY)).contains(a);
    }

    @Test
    void ignoresInactiveNotAutoAppliedFutureAndExpiredPlans() {
        Plan inactive = aPlan().active(false).expiring(at(TODAY.plusDays(1))).of(10);
        Plan manual = aPlan().autoApply(false).expiring(at(TODAY.plusDays(2))).of(10);
        Plan future = aPlan().starting(at(TODAY.plusDays(1))).expiring(at(TODAY.plusDays(3))).of(10);
        Plan expired = aPlan().starting(at(TODAY.minusDays(10))).expiring(at(TODAY).minusSeconds(1)).of(10);
        Plan good = aPlan().expiring(at(TODAY.plusDays(100))).of(10);
        assertThat(AutoAssignPlan.select(List.of(inactive, manual, future, expired, good), DAY)).contains(good);
        assertThat(AutoAssignPlan.select(List.of(inactive, manual, future, expired), DAY)).isEmpty();
    }

    @Test
    void aPlanStartingLaterTodayOrExpiringLaterTodayCountsForToday() {
        Plan startsTonight = aPlan().starting(at(TODAY).plusSeconds(23 * 3600)).expiring(at(TODAY.plusDays(5))).of(10);
        Plan expiresThisMorning = aPlan().starting(at(TODAY.minusDays(5))).expiring(at(TODAY).plusSeconds(60)).of(10);
        assertThat(startsTonight.isCandidateOn(DAY)).isTrue();
        assertThat(expiresThisMorning.isCandidateOn(DAY)).isTrue();
    }

    @Test
    void theDayIsTheConfiguredZonesDay() {
        // 23:30 UTC on the 24th is already the 25th in Auckland: the plan has started there, not in UTC.
        Plan startsLateOnThe24thUtc = aPlan().starting(at(TODAY).minusSeconds(1800)).expiring(at(TODAY.plusDays(9))).of(10);
        AsOf yesterdayUtc = new AsOf(TODAY.minusDays(1), ZoneId.of("UTC"));
        AsOf todayAuckland = new AsOf(TODAY, ZoneId.of("Pacific/Auckland"));
        assertThat(startsLateOnThe24thUtc.isCandidateOn(yesterdayUtc)).isTrue();
        assertThat(startsLateOnThe24thUtc.isCandidateOn(todayAuckland)).isTrue();
        assertThat(startsLateOnThe24thUtc.isCandidateOn(new AsOf(TODAY.minusDays(2), ZoneId.of("UTC")))).isFalse();
    }
}
