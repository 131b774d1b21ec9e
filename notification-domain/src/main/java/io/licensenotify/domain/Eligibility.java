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

    /** Both steps at once, for a caller that has the admins already; every recorded key counts as sent. */
    public Decision decide(Enterprise enterprise, Collection<Plan> plans, Collection<Admin> admins,
                           Set<DeliveryKey> recorded, LocalDate today) {
        return decide(enterprise, plans, admins, Recorded.blocking(recorded), List.of(), today);
    }

    /** Both steps at once, with the ledger's states and the suppressions in force. */
    public Decision decide(Enterprise enterprise, Collection<Plan> plans, Collection<Admin> admins,
                           Recorded recorded, Collection<Suppression> suppressions, LocalDate today) {
        Selection selection = select(enterprise, plans, today);
        if (selection instanceof Chosen chosen) return chosen.decide(admins, recorded, suppressions);
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

        /** Rules 2 to 5, every recorded key counting as sent, nothing suppressed. */
        public Decision decide(Collection<Admin> admins, Set<DeliveryKey> recorded) {
            return decide(admins, Recorded.blocking(recorded), List.of());
        }

        /**
         * Rules 2 to 7.
         *
         * @param recorded     what the ledger holds for this enterprise, with states
         * @param suppressions the suppressions in force (of any enterprise: those of others are ignored)
         */
        public Decision decide(Collection<Admin> admins, Recorded recorded, Collection<Suppression> suppressions) {
            if (admins.isEmpty()) return new Decision.Skipped(enterprise, SkipReason.NO_ADMINS);
            UUID e = enterprise.uuid();
            List<Suppression> ours = suppressions.stream().filter(s -> s.enterprise().equals(e)).toList();
            List<Delivery> due = new ArrayList<>();
            List<Delivery> superseded = new ArrayList<>();
            List<Delivery> suppressed = new ArrayList<>();
            List<Delivery> rearmed = new ArrayList<>();
            List<SkippedAdmin> skipped = new ArrayList<>();
            Set<Long> seen = new HashSet<>();
            for (Admin admin : admins) {
                Optional<SkipReason> skip = skipReason(admin, seen);
                if (skip.isPresent()) {
                    skipped.add(new SkippedAdmin(admin, skip.get()));
                    continue;
                }
                List<DeliveryKey> mine = recorded.of(admin.ecuId(), e);
                plan.licenses().utilization().ifPresent(u -> {
                    ThresholdPolicy.Outcome outcome = rules.thresholds().decide(u,
                            recorded.standings(admin.ecuId(), e, plan.uuid().toString()));
                    outcome.rearmed().forEach(t -> rearmed.add(threshold(admin, t)));
                    Optional<Delivery> top = outcome.due().map(t -> threshold(admin, t));
                    List<Delivery> lower = outcome.superseded().stream().map(t -> threshold(admin, t)).toList();
                    // a suppressed threshold takes the lower ones it supersedes with it: nothing is recorded
                    if (top.isPresent() && covered(ours, top.get())) {
                        suppressed.add(top.get());
                        suppressed.addAll(lower);
                    } else {
                        top.ifPresent(due::add);
                        for (Delivery d : lower) (covered(ours, d) ? suppressed : superseded).add(d);
                    }
                });
                if (admin.activatedAt().isEmpty()) {
                    // its thresholds are decided above; only the digest needs the activation date
                    skipped.add(new SkippedAdmin(admin, SkipReason.NO_ACTIVATION_TIME));
                    continue;
                }
                LocalDate activation = day.dateOf(admin.activatedAt().orElseThrow());
                Optional<LocalDate> period = rules.weekly().due(activation, day.date(),
                        recordedPeriods(mine, recorded, activation));
                if (period.isPresent()) {
                    Delivery digest = new Delivery(DeliveryKey.weeklyDigest(admin.ecuId(), e, period.get()), admin, plan);
                    (covered(ours, digest) ? suppressed : due).add(digest);
                }
            }
            return new Decision.Evaluated(enterprise, plan, due, superseded, skipped, suppressed, rearmed);
        }

        private Delivery threshold(Admin admin, ThresholdPolicy.Step step) {
            return new Delivery(DeliveryKey.threshold(admin.ecuId(), enterprise.uuid(), step.percent(), plan.uuid(),
                    step.generation()), admin, plan);
        }
    }

    /** Rule 5. An admin without an activation time is not skipped here: only its digest is (see decide). */
    private static Optional<SkipReason> skipReason(Admin admin, Set<Long> seen) {
        if (!seen.add(admin.ecuId())) return Optional.of(SkipReason.DUPLICATE);
        if (!admin.active()) return Optional.of(SkipReason.INACTIVE);
        if (admin.lmsUserId().isEmpty()) return Optional.of(SkipReason.NO_LMS_USER_ID);
        if (admin.email().isEmpty()) return Optional.of(SkipReason.NO_EMAIL);
        return Optional.empty();
    }

    /**
     * The period starts of the digests that block a new one (a failed digest does not). A digest recorded as a count
     * of periods (a ledger not migrated yet, such as one read by a dry run) is read under today's settings, as it
     * was meant when those settings were the ones it was decided under.
     */
    private List<LocalDate> recordedPeriods(List<DeliveryKey> mine, Recorded recorded, LocalDate activation) {
        List<LocalDate> periods = new ArrayList<>();
        for (DeliveryKey k : mine) {
            if (k.kind() instanceof NotificationKind.WeeklyDigest && recorded.blocks(k))
                periods.add(k.digestPeriodStart().orElseGet(() -> rules.weekly().periodStart(activation, k.period())));
        }
        return periods;
    }

    private static boolean covered(List<Suppression> suppressions, Delivery delivery) {
        for (Suppression s : suppressions) if (s.covers(delivery.key())) return true;
        return false;
    }
}
