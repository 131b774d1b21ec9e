package io.licensenotify.domain;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link Eligibility} decided for one enterprise on one day.
 *
 * @param plan        the auto-assign plan, absent when the enterprise has none (then {@code skipped} says so)
 * @param due         the deliveries to send now, at most one threshold and one digest per admin
 * @param superseded  lower thresholds crossed together with a higher one: recorded, never sent
 * @param skipped     admins that get nothing and why
 * @param enterpriseSkipped why the whole enterprise gets nothing, if it does
 */
public record Decision(Enterprise enterprise, Optional<Plan> plan, List<Delivery> due, List<Delivery> superseded,
                       List<SkippedAdmin> skipped, Optional<SkipReason> enterpriseSkipped) {
    public Decision {
        Objects.requireNonNull(enterprise, "enterprise");
        Objects.requireNonNull(plan, "plan");
        due = List.copyOf(due);
        superseded = List.copyOf(superseded);
        skipped = List.copyOf(skipped);
        Objects.requireNonNull(enterpriseSkipped, "enterpriseSkipped");
    }

    static Decision skipped(Enterprise enterprise, Optional<Plan> plan, SkipReason reason) {
        return new Decision(enterprise, plan, List.of(), List.of(), List.of(), Optional.of(reason));
    }
}
