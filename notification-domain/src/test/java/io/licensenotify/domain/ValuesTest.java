package io.licensenotify.domain;

import io.licensenotify.domain.testdata.TestData;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static io.licensenotify.domain.testdata.TestData.anAdmin;
import static io.licensenotify.domain.testdata.TestData.uuid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ValuesTest {

    @Test
    void notificationKindCodesReadBack() {
        assertThat(NotificationKind.threshold(75).code()).isEqualTo("UTILIZATION_75");
        assertThat(NotificationKind.parse("UTILIZATION_75")).isEqualTo(NotificationKind.threshold(75));
        assertThat(NotificationKind.parse("WEEKLY_DIGEST")).isEqualTo(NotificationKind.WEEKLY_DIGEST);
        assertThatThrownBy(() -> NotificationKind.parse("MONTHLY")).hasMessageContaining("'MONTHLY'");
    }

    @Test
    void theStoredFormOfAKindIsReadStrictly() {
        for (String loose : new String[] {"utilization-100", "weekly-digest", "DIGEST", "75", "UTILIZATION_075",
                " UTILIZATION_75", "UTILIZATION_"})
            assertThatThrownBy(() -> NotificationKind.parse(loose)).as(loose).hasMessageContaining("'" + loose + "'");
        assertThatThrownBy(() -> NotificationKind.threshold(0)).hasMessageContaining("was 0");
    }

    @Test
    void deliveryKeysRejectWhatCannotExist() {
        assertThatThrownBy(() -> new DeliveryKey(0, uuid(1), NotificationKind.WEEKLY_DIGEST, "x", 0))
                .hasMessageContaining("ECU id");
        assertThatThrownBy(() -> new DeliveryKey(1, uuid(1), NotificationKind.WEEKLY_DIGEST, " ", 0))
                .hasMessageContaining("scope");
        assertThatThrownBy(() -> new DeliveryKey(1, uuid(1), NotificationKind.WEEKLY_DIGEST, "x", -1))
                .hasMessageContaining("period");
    }

    @Test
    void thresholdKeysAreScopedByPlanAndDigestKeysByEnterpriseAndWeek() {
        DeliveryKey t = DeliveryKey.threshold(7, uuid(1), 75, uuid(2));
        DeliveryKey d = DeliveryKey.weeklyDigest(7, uuid(1), java.time.LocalDate.of(2026, 12, 7));
        assertThat(t.scope()).isEqualTo(uuid(2).toString());
        assertThat(t.period()).isZero();
        assertThat(d.scope()).isEqualTo(uuid(1).toString());
        assertThat(d.period()).isEqualTo(20261207);
        assertThat(d.digestPeriodStart()).hasValue(java.time.LocalDate.of(2026, 12, 7));
        assertThat(DeliveryKey.weeklyDigest(7, uuid(1), java.time.LocalDate.of(2026, 12, 31)).period())
                .as("ordered as the dates").isLessThan(DeliveryKey.weeklyDigest(7, uuid(1), java.time.LocalDate.of(2027, 1, 1)).period());
        assertThat(new DeliveryKey(7, uuid(1), NotificationKind.WEEKLY_DIGEST, uuid(1).toString(), 51).digestPeriodStart())
                .as("a count of periods from before periods were dates").isEmpty();
        assertThat(t.digestPeriodStart()).isEmpty();
    }

    @Test
    void aPlanThatExpiresBeforeItStartsIsRejected() {
        Instant start = TestData.at(TestData.TODAY);
        assertThatThrownBy(() -> new Plan(uuid(9), "t", start, start.minusSeconds(1), true, true, LicenseCounts.NONE))
                .hasMessageContaining(uuid(9).toString()).hasMessageContaining("before it starts");
    }

    @Test
    void anAdminNeverShowsItsEmailInToString() {
        Admin admin = anAdmin().build();
        assertThat(admin.email()).contains("@");
        assertThat(admin.toString()).doesNotContain("@").contains(String.valueOf(admin.ecuId()));
    }

    @Test
    void thresholdPoliciesRejectBadLists() {
        assertThatThrownBy(() -> new ThresholdPolicy(List.of())).hasMessageContaining("at least one");
        assertThatThrownBy(() -> new ThresholdPolicy(List.of(75, 75))).hasMessageContaining("75 is listed twice");
        assertThatThrownBy(() -> new ThresholdPolicy(List.of(101))).hasMessageContaining("was 101");
        assertThat(new ThresholdPolicy(List.of(100, 50, 75)).percents()).containsExactly(50, 75, 100);
    }

    @Test
    void anEnterpriseWithABlankSlugHasNone() {
        assertThat(Enterprise.of(uuid(3), null, " ").slug()).isEqualTo(Optional.empty());
        assertThat(Enterprise.of(uuid(3), null, "acme").name()).isEmpty();
    }
}
