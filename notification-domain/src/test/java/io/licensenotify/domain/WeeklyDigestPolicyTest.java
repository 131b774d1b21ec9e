package io.licensenotify.domain;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class WeeklyDigestPolicyTest {
    private static final LocalDate ACTIVATED = LocalDate.of(2026, 3, 1);
    private final WeeklyDigestPolicy policy = WeeklyDigestPolicy.DEFAULT;

    private static LocalDate day(int n) {
        return ACTIVATED.plusDays(n);
    }

    private Optional<LocalDate> dueOnDay(int day, List<LocalDate> recorded) {
        return policy.due(ACTIVATED, day(day), recorded);
    }

    @Test
    void dayFiveAndSixAfterActivationAreTooEarly() {
        assertThat(dueOnDay(6, List.of())).isEmpty();
        assertThat(dueOnDay(0, List.of())).isEmpty();
    }

    @Test
    void daySevenStartsTheFirstPeriod() {
        assertThat(dueOnDay(7, List.of())).hasValue(day(7));
    }

    @Test
    void dayThirteenIsStillTheFirstPeriodSoNothingIsDueAgain() {
        assertThat(dueOnDay(13, List.of(day(7)))).isEmpty();
    }

    @Test
    void dayFourteenStartsTheSecondPeriod() {
        assertThat(dueOnDay(14, List.of(day(7)))).hasValue(day(14));
    }

    @Test
    void missedRunsSendOnlyTheCurrentPeriod() {
        // Runs on day 21 and then on day 35 only: one digest each, for the periods of days 21 and 35, no catch-up.
        assertThat(dueOnDay(21, List.of())).hasValue(day(21));
        assertThat(dueOnDay(35, List.of(day(21)))).hasValue(day(35));
    }

    @Test
    void aDigestRecordedInsideTheCurrentPeriodUnderOtherSettingsCounts() {
        // decided on day 10 under other settings: the period of day 7 to 13 has its digest
        assertThat(dueOnDay(12, List.of(day(10)))).isEmpty();
        assertThat(dueOnDay(14, List.of(day(10)))).hasValue(day(14));
    }

    @Test
    void aConfiguredCadenceIsHonoured() {
        WeeklyDigestPolicy fortnightly = new WeeklyDigestPolicy(3, 14);
        assertThat(fortnightly.due(ACTIVATED, day(2), List.of())).isEmpty();
        assertThat(fortnightly.due(ACTIVATED, day(3), List.of())).hasValue(day(3));
        assertThat(fortnightly.due(ACTIVATED, day(16), List.of(day(3)))).isEmpty();
        assertThat(fortnightly.due(ACTIVATED, day(17), List.of(day(3)))).hasValue(day(17));
        assertThat(fortnightly.periodStart(ACTIVATED, 2)).isEqualTo(day(31));
    }
}
