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
 * The one entry point of the rules: given an enterprise's plans, its admins, the deliveries already recorded
 * and the day, it returns what is due, what is superseded and who is skipped. Pure: no clock, no I/O, so
 * another service can call it, for example right after a license is assigned.
 */
public final class Eligibility {
    private final NotificationRules rules;

    public Eligibility(NotificationRules rules) {
        this.rules = Objects.requireNonNull(rules, "rules");
    }

    public NotificationRules rules() {
        return rules;
    }

    /**
     * @param recorded the keys the ledger holds for this enterprise that block a new delivery (every state
     *                 but failed)
     * @param today    the as-of date, in {@link NotificationRules#zone()}
     */
    public Decision decide(Enterprise enterprise, Collection<Plan> plans, Collection<Admin> admins,
                           Set<DeliveryKey> recorded, LocalDate today) {
        AsOf day = new AsOf(today, rules.zone());
        Optional<Plan> plan = AutoAssignPlan.select(plans, day);
        if (plan.isEmpty()) return Decision.skipped(enterprise, plan, SkipReason.NO_AUTO_ASSIGN_PLAN);
        if (admins.isEmpty()) return Decision.skipped(enterprise, plan, SkipReason.NO_ADMINS);

        Plan p = plan.get();
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
            List<DeliveryKey> mine = recordedByEcu.getOrDefault(admin.ecuId(), List.of());
            Optional<SkipReason> skip = skipReason(admin, seen);
            if (skip.isPresent()) {
                skipped.add(new SkippedAdmin(admin, skip.get()));
                continue;
            }
            p.licenses().utilization().ifPresent(u -> {
                ThresholdPolicy.Outcome outcome = rules.thresholds().decide(u, recordedThresholds(mine, p));
                outcome.due().ifPresent(t -> due.add(new Delivery(DeliveryKey.threshold(admin.ecuId(), e, t, p.uuid()), admin, p)));
                outcome.superseded().forEach(t -> superseded.add(new Delivery(DeliveryKey.threshold(admin.ecuId(), e, t, p.uuid()), admin, p)));
            });
            LocalDate activation = day.dateOf(admin.activatedAt().orElseThrow());
            OptionalLong week = rules.weekly().due(activation, today, recordedWeeks(mine));
            if (week.isPresent()) due.add(new Delivery(DeliveryKey.weeklyDigest(admin.ecuId(), e, week.getAsLong()), admin, p));
        }
        return new Decision(enterprise, plan, due, superseded, skipped, Optional.empty());
    }

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
