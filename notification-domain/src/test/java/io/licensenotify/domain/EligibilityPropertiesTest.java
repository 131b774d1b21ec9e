package io.licensenotify.domain;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import static io.licensenotify.domain.testdata.TestData.aPlan;
import static io.licensenotify.domain.testdata.TestData.anAdmin;
import static io.licensenotify.domain.testdata.TestData.anEnterprise;
import static io.licensenotify.domain.testdata.TestData.at;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Invariants over generated histories: many runs on random dates (with gaps) while utilization moves up and down,
 * several plans per enterprise, and admins who are inactive, without an LMS user, an email or an activation time.
 * Safety: nothing twice, never a threshold below one already sent, no digest before its date, nothing to an
 * ineligible admin. Liveness: an eligible admin at or above a threshold with nothing at or above it recorded gets
 * it; an eligible admin past the first digest date with no digest this week gets one. Each case has its own seed,
 * printed in its name and in every failure, so a failure reproduces with {@code -Dproperty.seed=<seed>}.
 */
class EligibilityPropertiesTest {
    private static final int CASES = Integer.getInteger("property.cases", 2000);
    private static final Long FIXED_SEED = Long.getLong("property.seed");

    /** What is under test: the real rules, or a broken stand-in that the properties must catch. */
    interface Rules {
        Decision decide(Eligibility eligibility, Enterprise enterprise, Collection<Plan> plans, List<Admin> admins,
                        Recorded recorded, List<Suppression> suppressions, LocalDate day);
    }

    private static final Rules REAL = (e, enterprise, plans, admins, recorded, suppressions, day) ->
            e.decide(enterprise, plans, admins, recorded, suppressions, day);

    @TestFactory
    Stream<DynamicTest> generatedHistoriesKeepTheInvariants() {
        long base = FIXED_SEED != null ? FIXED_SEED : new Random().nextLong();
        int cases = FIXED_SEED != null ? 1 : CASES;
        return IntStream.range(0, cases).mapToObj(i -> {
            long seed = base + i;
            return DynamicTest.dynamicTest("seed " + seed, () -> checkHistory(seed, REAL));
        });
    }

    @Test
    void aRuleThatNeverSendsFailsTheLivenessProperties() {
        Rules neverSends = (e, enterprise, plans, admins, recorded, suppressions, day) -> {
            Decision d = e.decide(enterprise, plans, admins, recorded, suppressions, day);
            return d instanceof Decision.Evaluated ev
                    ? new Decision.Evaluated(enterprise, ev.plan(), List.of(), List.of(), ev.skipped()) : d;
        };
        long caught = failingSeeds(neverSends);
        System.out.println("EligibilityPropertiesTest: a never-send rule is caught in " + caught + " of 200 histories");
        assertThat(caught).as("seeds of 200 where the never-send rule is caught").isGreaterThan(100);
    }

    @Test
    void aRuleThatAlwaysSendsFailsTheSafetyProperties() {
        Rules alwaysSends = (e, enterprise, plans, admins, recorded, suppressions, day) -> {
            Decision d = e.decide(enterprise, plans, admins, Recorded.NOTHING, List.of(), day);
            if (!(d instanceof Decision.Evaluated ev)) return d;
            List<Delivery> due = new ArrayList<>(ev.due());
            due.addAll(ev.superseded());
            due.addAll(ev.suppressed());
            return new Decision.Evaluated(enterprise, ev.plan(), due, List.of(), ev.skipped());
        };
        long caught = failingSeeds(alwaysSends);
        System.out.println("EligibilityPropertiesTest: an always-send rule is caught in " + caught + " of 200 histories");
        assertThat(caught).as("seeds of 200 where the always-send rule is caught").isGreaterThan(100);
    }

    /** Fixed seeds: how many histories catch a broken rule is a number to compare, not a coin to toss. */
    private static long failingSeeds(Rules rules) {
        long base = 20_261_129L;
        return LongStream.range(0, 200).filter(i -> {
            try {
                checkHistory(base + i, rules);
                return false;
            } catch (AssertionError expected) {
                return true;
            }
        }).count();
    }

    static void checkHistory(long seed, Rules rules) {
        Random random = new Random(seed);
        String context = "seed " + seed + " (rerun with -Dproperty.seed=" + seed + ")";
        List<Integer> thresholds = random.nextBoolean() ? List.of(75, 100) : List.of(50, 75, 90, 100);
        ZoneId zone = random.nextBoolean() ? ZoneId.of("UTC") : ZoneId.of("America/Los_Angeles");
        WeeklyDigestPolicy weekly = new WeeklyDigestPolicy(1 + random.nextInt(10), 1 + random.nextInt(10));
        boolean rearming = random.nextInt(3) == 0;
        ThresholdPolicy policy = rearming ? new ThresholdPolicy(thresholds).rearmingBelow(1 + random.nextInt(30))
                : new ThresholdPolicy(thresholds);
        Eligibility eligibility = new Eligibility(new NotificationRules(policy, weekly, zone));
        Enterprise enterprise = anEnterprise();
        LocalDate start = LocalDate.of(2026, 1, 1).plusDays(random.nextInt(300));
        List<Admin> admins = admins(random, start);
        List<PlanShape> shapes = plans(random, start);
        List<Suppression> suppressions = suppressions(random, enterprise, admins, thresholds);
        Map<DeliveryKey, DeliveryState> ledger = new HashMap<>();

        Set<DeliveryKey> recorded = new HashSet<>();
        LocalDate day = start;
        for (int run = 0, runs = 5 + random.nextInt(60); run < runs; run++) {
            day = day.plusDays(random.nextInt(3) == 0 ? 1 + random.nextInt(15) : 1);
            List<Plan> plans = new ArrayList<>();
            for (PlanShape shape : shapes) plans.add(shape.move(random));
            Decision decision = rules.decide(eligibility, enterprise, plans, admins, new Recorded(ledger), suppressions,
                    day);
            Optional<Plan> chosen = autoAssignPlan(plans, day, zone);
            if (chosen.isEmpty()) {
                assertThat(decision).as(context + ": no plan on " + day)
                        .isEqualTo(new Decision.Skipped(enterprise, SkipReason.NO_AUTO_ASSIGN_PLAN));
                continue;
            }
            assertThat(decision).as(context).isInstanceOf(Decision.Evaluated.class);
            Decision.Evaluated evaluated = (Decision.Evaluated) decision;
            assertThat(evaluated.plan()).as(context + ": the auto-assign plan").isEqualTo(chosen.get());
            Set<DeliveryKey> before = Set.copyOf(recorded);
            checkSafety(context, evaluated, before, recorded, day, zone, weekly, suppressions, rearming);
            checkRearming(context, evaluated, policy);
            checkLiveness(context, evaluated, admins, before, day, zone, weekly, thresholds, suppressions, rearming);
            evaluated.rearmed().forEach(d -> ledger.put(d.key(), DeliveryState.ARMED));
            evaluated.due().forEach(d -> ledger.put(d.key(), DeliveryState.SENT));
            evaluated.superseded().forEach(d -> ledger.put(d.key(), DeliveryState.SUPERSEDED));
        }
    }

    private static void checkSafety(String context, Decision.Evaluated decision, Set<DeliveryKey> before,
                                    Set<DeliveryKey> recorded, LocalDate day, ZoneId zone, WeeklyDigestPolicy weekly,
                                    List<Suppression> suppressions, boolean rearming) {
        Set<Long> thresholdAdmins = new HashSet<>();
        Set<Long> digestAdmins = new HashSet<>();
        for (Delivery d : decision.due()) {
            assertThat(recorded.add(d.key())).as(context + ": key produced twice " + d.key()).isTrue();
            assertThat(suppressions).as(context + ": a suppressed delivery is due " + d.key())
                    .noneMatch(x -> x.covers(d.key()));
            assertThat(reachable(d.admin())).as(context + ": sent to an ineligible admin " + d.admin()).isTrue();
            long ecu = d.admin().ecuId();
            if (d.kind() instanceof NotificationKind.Threshold t) {
                assertThat(thresholdAdmins.add(ecu)).as(context + ": two thresholds in one run").isTrue();
                // with re-arming, generations of different thresholds are unrelated: checkRearming covers them
                int highest = rearming ? 0 : highestRecorded(before, ecu, decision.plan(), 0);
                assertThat(t.percent()).as(context + ": threshold " + t.percent() + " after " + highest).isGreaterThan(highest);
                assertThat(decision.plan().licenses().utilization().orElseThrow().reaches(t.percent())).as(context).isTrue();
            } else {
                assertThat(digestAdmins.add(ecu)).as(context + ": two digests in one run").isTrue();
                assertThat(day).as(context).isAfterOrEqualTo(weekly.firstDigestDate(
                        LocalDate.ofInstant(d.admin().activatedAt().orElseThrow(), zone)));
            }
        }
        for (Delivery d : decision.superseded()) {
            assertThat(recorded.add(d.key())).as(context + ": superseded key produced twice " + d.key()).isTrue();
            int sentNow = decision.due().stream().filter(x -> x.admin().ecuId() == d.admin().ecuId())
                    .filter(x -> x.kind() instanceof NotificationKind.Threshold)
                    .mapToInt(x -> ((NotificationKind.Threshold) x.kind()).percent()).max().orElse(0);
            assertThat(((NotificationKind.Threshold) d.kind()).percent()).as(context).isLessThan(sentNow);
        }
    }

    private static void checkLiveness(String context, Decision.Evaluated decision, List<Admin> admins,
                                      Set<DeliveryKey> before, LocalDate day, ZoneId zone, WeeklyDigestPolicy weekly,
                                      List<Integer> thresholds, List<Suppression> suppressions, boolean rearming) {
        Plan plan = decision.plan();
        Set<Long> seen = new HashSet<>();
        for (Admin admin : admins) {
            if (!reachable(admin) || !seen.add(admin.ecuId())) continue;
            // a suppressed threshold takes the lower ones with it; with re-arming the oracle would need the generations
            boolean thresholdsFree = !rearming && thresholds.stream().noneMatch(t -> suppressions.stream().anyMatch(x ->
                    x.covers(DeliveryKey.threshold(admin.ecuId(), decision.enterprise().uuid(), t, plan.uuid()))));
            long ecu = admin.ecuId();
            List<NotificationKind> mine = decision.due().stream().filter(d -> d.admin().ecuId() == ecu)
                    .map(Delivery::kind).toList();
            int reached = plan.licenses().utilization()
                    .map(u -> thresholds.stream().filter(u::reaches).mapToInt(Integer::intValue).max().orElse(0))
                    .orElse(0);
            if (thresholdsFree && reached > 0 && highestRecorded(before, ecu, plan, 0) < reached)
                assertThat(mine).as(context + ": admin " + ecu + " at " + reached + " % got no threshold on " + day)
                        .contains(NotificationKind.threshold(reached));
            if (admin.activatedAt().isEmpty()) {
                assertThat(mine).as(context + ": a digest without an activation time").doesNotContain(NotificationKind.WEEKLY_DIGEST);
                continue;
            }
            LocalDate activation = LocalDate.ofInstant(admin.activatedAt().orElseThrow(), zone);
            var week = weekly.currentPeriod(activation, day);
            DeliveryKey digest = week.isPresent()
                    ? DeliveryKey.weeklyDigest(ecu, decision.enterprise().uuid(), week.get()) : null;
            if (digest != null && !before.contains(digest) && suppressions.stream().noneMatch(x -> x.covers(digest)))
                assertThat(mine).as(context + ": admin " + ecu + " got no digest for week " + week.get())
                        .contains(NotificationKind.WEEKLY_DIGEST);
        }
    }

    /** Who may get a threshold email; a digest also needs the activation time. */
    private static boolean reachable(Admin a) {
        return a.active() && a.lmsUserId().isPresent() && !a.email().isEmpty();
    }

    /**
     * Rule 7: a threshold is sent again only in a new generation, opened by a drop below T - M after its last use;
     * nothing is re-armed without that drop.
     */
    private static void checkRearming(String context, Decision.Evaluated decision, ThresholdPolicy policy) {
        Utilization u = decision.plan().licenses().utilization().orElse(null);
        for (Delivery d : decision.rearmed()) {
            int t = ((NotificationKind.Threshold) d.kind()).percent();
            assertThat(policy.rearmBelow()).as(context + ": re-armed without a margin").isPresent();
            assertThat(u != null && !u.reaches(t - policy.rearmBelow().getAsInt()))
                    .as(context + ": " + d.key() + " re-armed at " + u).isTrue();
        }
        for (Delivery d : decision.due()) {
            if (!(d.kind() instanceof NotificationKind.Threshold t)) continue;
            if (d.key().period() > 0)
                assertThat(decision.rearmed()).as(context + ": generation " + d.key().period() + " sent in the run"
                        + " that opened it").noneMatch(r -> r.key().equals(d.key()));
        }
    }

    private static int highestRecorded(Set<DeliveryKey> recorded, long ecu, Plan plan, long generation) {
        return recorded.stream().filter(k -> k.ecuId() == ecu && k.scope().equals(plan.uuid().toString()))
                .filter(k -> k.period() == generation)
                .filter(k -> k.kind() instanceof NotificationKind.Threshold)
                .mapToInt(k -> ((NotificationKind.Threshold) k.kind()).percent()).max().orElse(0);
    }

    /** Rule 1, written again from docs/design.md "The rules" as the test's own oracle. */
    private static Optional<Plan> autoAssignPlan(List<Plan> plans, LocalDate day, ZoneId zone) {
        Instant dayStart = day.atStartOfDay(zone).toInstant();
        Instant nextDay = day.plusDays(1).atStartOfDay(zone).toInstant();
        return plans.stream()
                .filter(p -> p.active() && p.autoApply() && p.start().isBefore(nextDay) && !p.expiration().isBefore(dayStart))
                .min(Comparator.comparing(Plan::expiration).thenComparing(p -> p.uuid().toString()));
    }

    private static List<Suppression> suppressions(Random random, Enterprise enterprise, List<Admin> admins,
                                                  List<Integer> thresholds) {
        List<Suppression> out = new ArrayList<>();
        for (int i = 0, n = random.nextInt(3); i < n; i++) {
            Optional<Long> ecu = random.nextBoolean() ? Optional.empty()
                    : Optional.of(admins.get(random.nextInt(admins.size())).ecuId());
            Optional<NotificationKind> kind = switch (random.nextInt(3)) {
                case 0 -> Optional.empty();
                case 1 -> Optional.of(NotificationKind.WEEKLY_DIGEST);
                default -> Optional.of(NotificationKind.threshold(thresholds.get(random.nextInt(thresholds.size()))));
            };
            out.add(new Suppression(enterprise.uuid(), ecu, kind, "generated", Instant.EPOCH, "test"));
        }
        return out;
    }

    private static List<Admin> admins(Random random, LocalDate start) {
        List<Admin> admins = new ArrayList<>();
        for (int a = 0, n = 1 + random.nextInt(5); a < n; a++) {
            var admin = anAdmin().activatedAt(at(start.plusDays(random.nextInt(20))).plusSeconds(random.nextInt(86_400)));
            switch (random.nextInt(8)) {
                case 0 -> admin.inactive();
                case 1 -> admin.withoutLmsUser();
                case 2 -> admin.withoutEmail();
                case 3 -> admin.withoutActivationTime();
                default -> { }
            }
            admins.add(admin.build());
        }
        return admins;
    }

    /** A plan whose window and flags are fixed and whose allocation moves from run to run. */
    private static final class PlanShape {
        private final io.licensenotify.domain.testdata.TestData.PlanBuilder builder;
        private final long total;
        private long allocated;

        PlanShape(io.licensenotify.domain.testdata.TestData.PlanBuilder builder, long total, long allocated) {
            this.builder = builder;
            this.total = total;
            this.allocated = allocated;
        }

        Plan move(Random random) {
            allocated = Math.max(0, Math.min(total + 5, allocated + random.nextInt(21) - 8));
            return builder.withAssigned(allocated).withUnassigned(Math.max(0, total - allocated)).build();
        }
    }

    private static List<PlanShape> plans(Random random, LocalDate start) {
        List<PlanShape> plans = new ArrayList<>();
        for (int i = 0, n = 1 + random.nextInt(3); i < n; i++) {
            LocalDate from = start.minusDays(random.nextInt(30)).plusDays(i == 0 ? 0 : random.nextInt(60));
            var builder = aPlan().starting(at(from)).expiring(at(from.plusDays(30 + random.nextInt(400))))
                    .active(i == 0 || random.nextInt(4) > 0).autoApply(i == 0 || random.nextInt(4) > 0);
            long total = 1 + random.nextInt(200);
            plans.add(new PlanShape(builder, total, random.nextInt((int) total + 1)));
        }
        return plans;
    }
}
