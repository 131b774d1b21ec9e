package io.licensenotify.domain;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/**
 * Rule 1: the plan used for auto-assign is, among the plans that are active, auto-applied, started and not
 * expired on the day, the one expiring soonest; ties are broken by uuid so the choice is deterministic.
 */
public final class AutoAssignPlan {
    private static final Comparator<Plan> SOONEST_EXPIRY_THEN_UUID =
            Comparator.comparing(Plan::expiration).thenComparing(p -> p.uuid().toString());

    private AutoAssignPlan() {
    }

    public static Optional<Plan> select(Collection<Plan> plans, AsOf day) {
        return plans.stream().filter(p -> p.isCandidateOn(day)).min(SOONEST_EXPIRY_THEN_UUID);
    }
}
