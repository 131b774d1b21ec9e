package io.licensenotify.domain;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;

/**
 * The one entry point of the rules, in two steps so that a caller asks for admins only when they matter:
 * {@link #select} picks the auto-assign plan (rule 1) or skips the enterprise; {@link Chosen#decide} then says, per
 * admin, what is due, what is superseded and who is skipped (rules 2 to 5). Pure: no clock, no I/O, so another
 * service can call it, for example right after a license is assigned ({@link #decide} does both steps).
 */
public final class Eligibility {
    private final NotificationRules rules;

    public Eligibility(NotificationRules rules) {
        this.rules = Objects.requireNonNull(rules, "rules");
    }

    public NotificationRules rules() {
        return rules;
    }

    /** The first step: skipped, or a plan chosen and admins wanted. */
    public sealed interface Selection permits Decision.Skipped, Chosen {
    }

    /**
     * Rule 1: the enterprise's auto-assign plan on {@code today} (in {@link NotificationRules#zone()}), or the
     * enterprise skipped as {@link SkipReason#NO_AUTO_ASSIGN_PLAN}.
     */
    public Selection select(Enterprise enterprise, Collection<Plan> plans, LocalDate today) {
        Objects.requireNonNull(enterprise, "enterprise");
        AsOf day = new AsOf(today, rules.zone());
        Optional<Plan> plan = AutoAssignPlan.select(plans, day);
        return plan.<Selection>map(p -> new Chosen(enterprise, p, day))
                .orElseGet(() -> new Decision.Skipped(enterprise, SkipReason.NO_AUTO_ASSIGN_PLAN));
    }

    /** Both steps at once, for a caller that has the admins already. */
    public Decision decide(Enterprise enterprise, Collection<Plan> plans, Collection<Admin> admins,
                           Set<DeliveryKey> recorded, LocalDate today) {
        Selection selection = select(enterprise, plans, today);
        if (selection instanceof Chosen chosen) return chosen.decide(admins, recorded);
        return (Decision.Skipped) selection;
    }

    /** An enterprise whose auto-assign plan is known: the second step decides per admin. */
    public final class Chosen implements Selection {
        private final Enterprise enterprise;
        private final Plan plan;
        private final AsOf day;

        private Chosen(Enterprise enterprise, Plan plan, AsOf day) {
            this.enterprise = enterprise;
            this.plan = plan;
            this.day = day;
        }

        public Enterprise enterprise() {
            return enterprise;
        }

        public Plan plan() {
            return plan;
        }

        /**
         * @param recorded the keys the ledger holds for this enterprise that block a new delivery
         *                 ({@link DeliveryState#blocksNewDelivery()})
         */
        public Decision decide(Collection<Admin> admins, Set<DeliveryKey> recorded) {
            if (admins.isEmpty()) return new Decision.Skipped(enterprise, SkipReason.NO_ADMINS);
            UUID e = enterprise.uuid();
            List<Delivery> due = new ArrayList<>();
            List<Delivery> superseded = new ArrayList<>();
            List<SkippedAdmin> skipped = new ArrayList<>();
            Set<Long> seen = new HashSet<>();
            Map<Long, List<DeliveryKey>> recordedByEcu = new HashMap<>();
            for (DeliveryKey k : recorded) {
                if (k.enterprise().equals(e)) recordedByEcu.computeIfAbsent(k.ecuId(), id -> new ArrayList<>()).add(k);
            }
            for (Admin admin : admins) {
                Optional<SkipReason> skip = skipReason(admin, seen);
                if (skip.isPresent()) {
                    skipped.add(new SkippedAdmin(admin, skip.get()));
                    continue;
                }
                List<DeliveryKey> mine = recordedByEcu.getOrDefault(admin.ecuId(), List.of());
                plan.licenses().utilization().ifPresent(u -> {
                    ThresholdPolicy.Outcome outcome = rules.thresholds().decide(u, recordedThresholds(mine, plan));
                    outcome.due().ifPresent(t -> due.add(threshold(admin, t)));
                    outcome.superseded().forEach(t -> superseded.add(threshold(admin, t)));
                });
                LocalDate activation = day.dateOf(admin.activatedAt().orElseThrow());
                OptionalLong week = rules.weekly().due(activation, day.date(), recordedWeeks(mine));
                if (week.isPresent())
                    due.add(new Delivery(DeliveryKey.weeklyDigest(admin.ecuId(), e, week.getAsLong()), admin, plan));
            }
            return new Decision.Evaluated(enterprise, plan, due, superseded, skipped);
        }

        private Delivery threshold(Admin admin, int percent) {
            return new Delivery(DeliveryKey.threshold(admin.ecuId(), enterprise.uuid(), percent, plan.uuid()), admin, plan);
        }
    }

    /** Rule 5, and an admin whose weekly cadence cannot be counted (DESIGN "Admins and their activation"). */
    private static Optional<SkipReason> skipReason(Admin admin, Set<Long> seen) {
        if (!seen.add(admin.ecuId())) return Optional.of(SkipReason.DUPLICATE);
        if (!admin.active()) return Optional.of(SkipReason.INACTIVE);
        if (admin.lmsUserId().isEmpty()) return Optional.of(SkipReason.NO_LMS_USER_ID);
        if (admin.email().isEmpty()) return Optional.of(SkipReason.NO_EMAIL);
        if (admin.activatedAt().isEmpty()) return Optional.of(SkipReason.NO_ACTIVATION_TIME);
        return Optional.empty();
    }

    private static List<Integer> recordedThresholds(List<DeliveryKey> mine, Plan plan) {
        String scope = plan.uuid().toString();
        List<Integer> percents = new ArrayList<>();
        for (DeliveryKey k : mine) {
            if (k.scope().equals(scope) && k.kind() instanceof NotificationKind.Threshold t)
                percents.add(t.percent());
        }
        return percents;
    }

    private static Set<Long> recordedWeeks(List<DeliveryKey> mine) {
        Set<Long> weeks = new HashSet<>();
        for (DeliveryKey k : mine) {
            if (k.kind() instanceof NotificationKind.WeeklyDigest)
                weeks.add(k.period());
        }
        return weeks;
    }
}
