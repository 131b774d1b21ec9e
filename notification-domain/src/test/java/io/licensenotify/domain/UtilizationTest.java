package io.licensenotify.domain;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UtilizationTest {

    @Test
    void threeOfFourIsExactlySeventyFivePercent() {
        assertThat(new Utilization(3, 4).reaches(75)).isTrue();
        assertThat(new Utilization(3, 4).reaches(76)).isFalse();
    }

    @Test
    void twoOfThreeDoesNotReachSeventyFivePercent() {
        assertThat(new Utilization(2, 3).reaches(75)).isFalse();
        assertThat(new Utilization(2, 3).reaches(66)).isTrue();
        assertThat(new Utilization(2, 3).reaches(67)).isFalse();
    }

    @Test
    void allLicensesAllocatedIsExactlyOneHundredPercent() {
        assertThat(new Utilization(10, 10).reaches(100)).isTrue();
        assertThat(new Utilization(9, 10).reaches(100)).isFalse();
    }

    @Test
    void overAllocationReachesEveryThreshold() {
        assertThat(new Utilization(12, 10).reaches(100)).isTrue();
        assertThat(new Utilization(12, 10).percentFloor()).isEqualTo(120);
    }

    @Test
    void largeCountsDoNotLoseExactness() {
        long total = 4_000_000_000L;
        assertThat(new Utilization(3_000_000_000L, total).reaches(75)).isTrue();
        assertThat(new Utilization(2_999_999_999L, total).reaches(75)).isFalse();
    }

    @Test
    void aPlanWithoutLicensesHasNoUtilization() {
        assertThat(Utilization.of(0, 0)).isEmpty();
        assertThat(LicenseCounts.NONE.utilization()).isEmpty();
    }

    @Test
    void revokedLicensesAreNotCounted() {
        LicenseCounts counts = new LicenseCounts(1, 2, 1, 5);
        assertThat(counts.total()).isEqualTo(4);
        assertThat(counts.allocated()).isEqualTo(3);
        assertThat(counts.utilization()).contains(new Utilization(3, 4));
    }

    @Test
    void onlyRevokedLicensesMeanNoUtilization() {
        assertThat(new LicenseCounts(0, 0, 0, 7).utilization()).isEmpty();
    }

    @Test
    void impossibleValuesAreRejectedNamingThem() {
        assertThatThrownBy(() -> new Utilization(1, 0)).hasMessageContaining("1/0");
        assertThatThrownBy(() -> new Utilization(-1, 3)).hasMessageContaining("-1/3");
        assertThatThrownBy(() -> new LicenseCounts(-1, 0, 0, 0)).hasMessageContaining("unassigned=-1");
    }
}
