package io.licensenotify.domain;

import java.time.LocalDate;
import java.util.Collection;
import java.util.Comparator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the next run does with a delivery an operator released (docs/operating.md "Resending uncertain deliveries"), as far as
 * the ledger and the rules tell: it sends it while it is still due, or it never will, and why. The same policies as
 * a run decide it (rule 2 and 7 for thresholds, rule 3 for digests, rule 6 for suppressions); the license data and
 * the admins are the next run's to read, so "sends it" still depends on the plan's utilization then (a threshold) or
 * on the digest's week still being current (a digest).
 *
 * @param sends true when the next run sends it (under the condition {@code why} names)
 * @param why   for a delivery the next run sends, its condition; else why it is never sent (or not while suppressed)
 */
public record ResendOutlook(boolean sends, String why) {
    public ResendOutlook {
        Objects.requireNonNull(why, "why");
    }

    /**
     * @param released     the released key
     * @param claimedOn    the date (in the rules' zone) its claim was made: a digest is claimed within its week
     * @param recorded     what the ledger holds for the key's enterprise (the released key is read as
     *                     {@link DeliveryState#FAILED}, which it is once released)
     * @param suppressions the suppressions in force
     * @param today        the date (in the rules' zone) the operator releases it
     */
    public static ResendOutlook of(DeliveryKey released, LocalDate claimedOn, Recorded recorded,
                                   Collection<Suppression> suppressions, LocalDate today, NotificationRules rules) {
        Recorded after = recorded.with(released, DeliveryState.FAILED);
        ResendOutlook outlook = released.kind() instanceof NotificationKind.Threshold t
                ? threshold(released, t.percent(), after, rules.thresholds())
                : digest(released, claimedOn, after, today, rules.weekly());
        if (!outlook.sends()) return outlook;
        Optional<Suppression> suppressed = suppressions.stream().filter(s -> s.covers(released)).findFirst();
        return suppressed.map(s -> new ResendOutlook(false, "suppressed (" + describe(s) + "): not while the"
                + " suppression stands")).orElse(outlook);
    }

    /** Rules 2 and 7: is this threshold, in this generation, the one a run at exactly its percent sends? */
    private static ResendOutlook threshold(DeliveryKey key, int percent, Recorded recorded, ThresholdPolicy policy) {
        if (!policy.percents().contains(percent))
            return new ResendOutlook(false, percent + " % is no longer a configured threshold");
        Map<Integer, ThresholdPolicy.Standing> standings = recorded.standings(key.ecuId(), key.enterprise(), key.scope());
        long generation = standings.get(percent).generation();
        if (generation > key.period())
            return new ResendOutlook(false, percent + " % was re-armed since: its generation " + generation
                    + " is the one a next crossing sends");
        ThresholdPolicy.Outcome at = policy.decide(new Utilization(percent, 100), standings);
        if (at.due().equals(Optional.of(new ThresholdPolicy.Step(percent, key.period()))))
            return new ResendOutlook(true, "if the plan's utilization still reaches " + percent + " %");
        Optional<Map.Entry<Integer, ThresholdPolicy.Standing>> higher = standings.entrySet().stream()
                .filter(s -> s.getKey() > percent && s.getValue().state().map(DeliveryState::blocksNewDelivery).orElse(false))
                .max(Map.Entry.comparingByKey());
        return new ResendOutlook(false, higher.map(h -> h.getKey() + " % is already recorded for this admin and plan ("
                + h.getValue().state().orElseThrow() + ")").orElse("a higher threshold is already recorded")
                + ": a lower threshold is never sent after a higher one");
    }

    /**
     * Rule 3: one digest per week, the current one, never caught up. A later week recorded, or a week that has
     * surely ended (it was current on the day of its claim, and a week lasts {@code everyDays}), is never sent.
     */
    private static ResendOutlook digest(DeliveryKey key, LocalDate claimedOn, Recorded recorded, LocalDate today,
                                        WeeklyDigestPolicy policy) {
        Optional<Long> later = recorded.states().keySet().stream()
                .filter(k -> k.ecuId() == key.ecuId() && k.enterprise().equals(key.enterprise())
                        && k.kind().equals(key.kind()) && k.period() > key.period())
                .map(DeliveryKey::period).max(Comparator.naturalOrder());
        if (later.isPresent())
            return new ResendOutlook(false, "a later week's digest (period " + later.get() + ") is already recorded:"
                    + " digests are never caught up");
        LocalDate endsBy = claimedOn.plusDays(policy.everyDays());
        if (!today.isBefore(endsBy))
            return new ResendOutlook(false, "its week has passed (claimed on " + claimedOn + ", a digest every "
                    + policy.everyDays() + " days): digests are never caught up");
        return new ResendOutlook(true, "if its week is still current then (its last day is " + endsBy.minusDays(1)
                + " at the latest)");
    }

    private static String describe(Suppression s) {
        return "enterprise " + s.enterprise() + s.ecuId().map(id -> ", ECU " + id).orElse("")
                + s.kind().map(k -> ", " + k.code()).orElse("");
    }
}
