package io.licensenotify.domain;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static io.licensenotify.domain.testdata.TestData.aPlan;
import static io.licensenotify.domain.testdata.TestData.anAdmin;
import static io.licensenotify.domain.testdata.TestData.anEnterprise;
import static io.licensenotify.domain.testdata.TestData.at;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Invariants over generated histories: many runs on random dates (with gaps) while utilization moves up and down.
 * Each case has its own seed, printed in its name and in every failure, so a failure reproduces with
 * {@code -Dproperty.seed=<seed>}.
 */
class EligibilityPropertiesTest {
    private static final int CASES = Integer.getInteger("property.cases", 2000);
    private static final Long FIXED_SEED = Long.getLong("property.seed");

    @TestFactory
    Stream<DynamicTest> generatedHistoriesKeepTheInvariants() {
        long base = FIXED_SEED != null ? FIXED_SEED : new Random().nextLong();
        int cases = FIXED_SEED != null ? 1 : CASES;
        return IntStream.range(0, cases).mapToObj(i -> {
            long seed = base + i;
            return DynamicTest.dynamicTest("seed " + seed, () -> checkHistory(seed));
        });
    }

    private static void checkHistory(long seed) {
        Random random = new Random(seed);
        String context = "seed " + seed + " (rerun with -Dproperty.seed=" + seed + ")";
        List<Integer> thresholds = random.nextBoolean() ? List.of(75, 100) : List.of(50, 75, 90, 100);
        ZoneId zone = random.nextBoolean() ? ZoneId.of("UTC") : ZoneId.of("America/Los_Angeles");
        Eligibility eligibility = new Eligibility(new NotificationRules(new ThresholdPolicy(thresholds),
                new WeeklyDigestPolicy(1 + random.nextInt(10), 1 + random.nextInt(10)), zone));
        Enterprise enterprise = anEnterprise();
        LocalDate start = LocalDate.of(2026, 1, 1).plusDays(random.nextInt(300));
        List<Admin> admins = new ArrayList<>();
        for (int a = 0, n = 1 + random.nextInt(4); a < n; a++)
            admins.add(anAdmin().activatedAt(at(start.plusDays(random.nextInt(20))).plusSeconds(random.nextInt(86_400))).build());
        var planBuilder = aPlan().starting(at(start.minusDays(1))).expiring(at(start.plusDays(400)));
        long total = 1 + random.nextInt(200);

        Set<DeliveryKey> recorded = new HashSet<>();
        Map<Long, Integer> highestThreshold = new HashMap<>();
        Map<Long, Set<Long>> digestWeeks = new HashMap<>();
        LocalDate day = start;
        long allocated = random.nextInt((int) total + 1);
        for (int run = 0, runs = 5 + random.nextInt(60); run < runs; run++) {
            day = day.plusDays(random.nextInt(3) == 0 ? 1 + random.nextInt(15) : 1);
            allocated = Math.max(0, Math.min(total + 5, allocated + random.nextInt(21) - 8));
            Plan plan = planBuilder.withAssigned(allocated).withUnassigned(Math.max(0, total - allocated)).build();
            Decision.Evaluated decision = (Decision.Evaluated) eligibility.decide(enterprise, List.of(plan), admins, Set.copyOf(recorded), day);

            Set<Long> thresholdAdmins = new HashSet<>();
            for (Delivery d : decision.due()) {
                assertThat(recorded.add(d.key())).as(context + ": key produced twice " + d.key()).isTrue();
                long ecu = d.admin().ecuId();
                if (d.kind() instanceof NotificationKind.Threshold t) {
                    assertThat(thresholdAdmins.add(ecu)).as(context + ": two thresholds in one run").isTrue();
                    int before = highestThreshold.getOrDefault(ecu, 0);
                    assertThat(t.percent()).as(context + ": threshold " + t.percent() + " after " + before).isGreaterThan(before);
                    assertThat(plan.licenses().utilization().orElseThrow().reaches(t.percent())).as(context).isTrue();
                    highestThreshold.put(ecu, t.percent());
                } else {
                    assertThat(digestWeeks.computeIfAbsent(ecu, e -> new HashSet<>()).add(d.key().period()))
                            .as(context + ": two digests for week " + d.key().period()).isTrue();
                    assertThat(day).as(context).isAfterOrEqualTo(LocalDate.ofInstant(d.admin().activatedAt().orElseThrow(), zone)
                            .plusDays(eligibility.rules().weekly().firstAfterDays()));
                }
            }
            for (Delivery d : decision.superseded()) {
                assertThat(recorded.add(d.key())).as(context + ": superseded key produced twice " + d.key()).isTrue();
                int sent = highestThreshold.getOrDefault(d.admin().ecuId(), 0);
                assertThat(((NotificationKind.Threshold) d.kind()).percent()).as(context).isLessThan(sent);
            }
            int digestsThisRun = (int) decision.due().stream().filter(d -> d.kind() instanceof NotificationKind.WeeklyDigest).count();
            assertThat(digestsThisRun).as(context + ": at most one digest per admin per run").isLessThanOrEqualTo(admins.size());
        }
    }
}
