package io.licensenotify.domain;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static io.licensenotify.domain.testdata.TestData.aPlan;
import static io.licensenotify.domain.testdata.TestData.anAdmin;
import static io.licensenotify.domain.testdata.TestData.anEnterprise;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rule 3 when an operator changes {@code notify.weekly.every-days}, {@code notify.weekly.first-after-days} or
 * {@code notify.zone} after months of digests: a daily run (at 02:05 UTC) for a year under the old settings, then
 * for half a year under the new ones, the change falling on each day of a cadence in turn. Counted in the periods of
 * the new settings (the first digest date, then every {@code every-days}), in the calendar the rules saw when they
 * decided: a period that had no digest before the change gets exactly one after it (none skipped), and a period
 * that had one gets none (none doubled).
 */
class DigestSettingsChangeTest {
    private static final ZoneId UTC = ZoneId.of("UTC");
    /** 22:00 UTC: the next day in Auckland, the same day in Los Angeles. */
    private static final Instant ACTIVATED = Instant.parse("2025-01-06T22:00:00Z");
    private static final Instant FIRST_RUN = Instant.parse("2025-01-07T02:05:00Z");
    private static final int DAYS_BEFORE = 360;
    private static final int DAYS_AFTER = 180;

    private final Enterprise enterprise = anEnterprise();
    private final Plan plan = aPlan().starting(Instant.parse("2020-01-01T00:00:00Z"))
            .expiring(Instant.parse("2035-01-01T00:00:00Z")).of(0);
    private final Admin admin = anAdmin().activatedAt(ACTIVATED).build();

    @TestFactory
    Stream<DynamicTest> everyChangeGivesOneDigestPerNewPeriod() {
        record Change(String name, NotificationRules before, NotificationRules after) {
        }
        return Stream.of(
                new Change("every-days 7 to 14", rules(7, 7, UTC), rules(7, 14, UTC)),
                new Change("every-days 14 to 7", rules(7, 14, UTC), rules(7, 7, UTC)),
                new Change("every-days 7 to 10", rules(7, 7, UTC), rules(7, 10, UTC)),
                new Change("first-after-days 7 to 10", rules(7, 7, UTC), rules(10, 7, UTC)),
                new Change("first-after-days 7 to 4", rules(7, 7, UTC), rules(4, 7, UTC)),
                new Change("zone UTC to Pacific/Auckland", rules(7, 7, UTC), rules(7, 7, ZoneId.of("Pacific/Auckland"))),
                new Change("zone UTC to America/Los_Angeles", rules(7, 7, UTC),
                        rules(7, 7, ZoneId.of("America/Los_Angeles"))),
                new Change("zone Pacific/Auckland to UTC", rules(7, 7, ZoneId.of("Pacific/Auckland")), rules(7, 7, UTC))
        ).flatMap(c -> IntStream.range(0, 14).mapToObj(shift -> DynamicTest.dynamicTest(
                c.name() + ", changed on day " + (DAYS_BEFORE + shift),
                () -> check(c.name(), c.before(), c.after(), DAYS_BEFORE + shift))));
    }

    private static NotificationRules rules(int firstAfterDays, int everyDays, ZoneId zone) {
        return new NotificationRules(ThresholdPolicy.DEFAULT, new WeeklyDigestPolicy(firstAfterDays, everyDays), zone);
    }

    /** A digest decided by a run, on the date its rules saw. */
    private record Sent(LocalDate day, boolean afterChange) {
    }

    private void check(String name, NotificationRules before, NotificationRules after, int changeDay) {
        Map<DeliveryKey, DeliveryState> ledger = new HashMap<>();
        List<Sent> sent = new ArrayList<>();
        LocalDate changedOn = null;
        LocalDate lastDay = null;
        for (int day = 0; day < changeDay + DAYS_AFTER; day++) {
            boolean changed = day >= changeDay;
            NotificationRules rules = changed ? after : before;
            LocalDate today = LocalDate.ofInstant(FIRST_RUN.plus(Duration.ofDays(day)), rules.zone());
            if (changed && changedOn == null) changedOn = today;
            lastDay = today;
            Decision decision = new Eligibility(rules).decide(enterprise, List.of(plan), List.of(admin),
                    new Recorded(ledger), List.of(), today);
            for (Delivery d : ((Decision.Evaluated) decision).due()) {
                assertThat(ledger.get(d.key())).as(name + ": digest %s on %s claimed again", d.key(), today).isNull();
                ledger.put(d.key(), DeliveryState.SENT);
                sent.add(new Sent(today, changed));
            }
        }
        WeeklyDigestPolicy weekly = after.weekly();
        LocalDate first = weekly.firstDigestDate(LocalDate.ofInstant(ACTIVATED, after.zone()));
        for (LocalDate start = first; !start.plusDays(weekly.everyDays()).isAfter(lastDay.plusDays(1));
             start = start.plusDays(weekly.everyDays())) {
            LocalDate end = start.plusDays(weekly.everyDays());
            if (!end.isAfter(changedOn)) continue;
            LocalDate from = start, to = end;
            long pre = sent.stream().filter(s -> !s.afterChange() && in(s.day(), from, to)).count();
            long post = sent.stream().filter(s -> s.afterChange() && in(s.day(), from, to)).count();
            assertThat(post).as("%s on %s: digests after the change in the new period %s to %s (%d before the change"
                            + "); all digests: %s", name, changedOn, from, to.minusDays(1), pre, tail(sent))
                    .isEqualTo(pre == 0 ? 1 : 0);
        }
    }

    private static boolean in(LocalDate day, LocalDate from, LocalDate to) {
        return !day.isBefore(from) && day.isBefore(to);
    }

    private static List<LocalDate> tail(List<Sent> sent) {
        return sent.subList(Math.max(0, sent.size() - 40), sent.size()).stream().map(Sent::day).toList();
    }
}
