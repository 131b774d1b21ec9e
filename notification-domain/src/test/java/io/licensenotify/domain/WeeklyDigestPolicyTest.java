package io.licensenotify.domain;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;

class WeeklyDigestPolicyTest {
    private static final LocalDate ACTIVATED = LocalDate.of(2026, 3, 1);
    private final WeeklyDigestPolicy policy = WeeklyDigestPolicy.DEFAULT;

    private OptionalLong dueOnDay(int day, List<Long> recorded) {
        return policy.due(ACTIVATED, ACTIVATED.plusDays(day), recorded);
    }

    @Test
    void dayFiveAndSixAfterActivationAreTooEarly() {
        assertThat(dueOnDay(6, List.of())).isEmpty();
        assertThat(dueOnDay(0, List.of())).isEmpty();
    }

    @Test
    void daySevenStartsWeekZero() {
        assertThat(dueOnDay(7, List.of())).hasValue(0);
    }

    @Test
    void dayThirteenIsStillWeekZeroSoNothingIsDueAgain() {
        assertThat(dueOnDay(13, List.of(0L))).isEmpty();
    }

    @Test
    void dayFourteenStartsWeekOne() {
        assertThat(dueOnDay(14, List.of(0L))).hasValue(1);
    }

    @Test
    void missedRunsSendOnlyTheCurrentWeek() {
        // Runs on day 21 and then on day 35 only: one digest each, for weeks 2 and 4, no catch-up for 1 and 3.
        assertThat(dueOnDay(21, List.of())).hasValue(2);
        assertThat(dueOnDay(35, List.of(2L))).hasValue(4);
    }

    @Test
    void aConfiguredCadenceIsHonoured() {
        WeeklyDigestPolicy fortnightly = new WeeklyDigestPolicy(3, 14);
        assertThat(fortnightly.due(ACTIVATED, ACTIVATED.plusDays(2), List.of())).isEmpty();
        assertThat(fortnightly.due(ACTIVATED, ACTIVATED.plusDays(3), List.of())).hasValue(0);
        assertThat(fortnightly.due(ACTIVATED, ACTIVATED.plusDays(16), List.of(0L))).isEmpty();
        assertThat(fortnightly.due(ACTIVATED, ACTIVATED.plusDays(17), List.of(0L))).hasValue(1);
    }
}
