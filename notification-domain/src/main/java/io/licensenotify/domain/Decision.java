package io.licensenotify.domain;

import java.util.List;
import java.util.Objects;

/**
 * What {@link Eligibility} decided for one enterprise on one day: the whole enterprise skipped, or evaluated
 * admin by admin.
 */
public sealed interface Decision permits Decision.Skipped, Decision.Evaluated {

    Enterprise enterprise();

    /** Rule 5: the enterprise gets nothing ({@link SkipReason#NO_AUTO_ASSIGN_PLAN}, {@link SkipReason#NO_ADMINS}). */
    record Skipped(Enterprise enterprise, SkipReason reason) implements Decision, Eligibility.Selection {
        public Skipped {
            Objects.requireNonNull(enterprise, "enterprise");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * @param plan       the auto-assign plan (rule 1) the emails are about
     * @param due        the deliveries to send now, at most one threshold and one digest per admin
     * @param superseded lower thresholds crossed together with a higher one: recorded, never sent
     * @param skipped    admins that get nothing and why
     * @param suppressed deliveries that would be due or superseded but a suppression covers (rule 6): neither
     *                   recorded nor sent
     * @param rearmed    thresholds re-armed now (rule 7): their next generation is recorded as armed
     */
    record Evaluated(Enterprise enterprise, Plan plan, List<Delivery> due, List<Delivery> superseded,
                     List<SkippedAdmin> skipped, List<Delivery> suppressed, List<Delivery> rearmed)
            implements Decision {
        public Evaluated {
            Objects.requireNonNull(enterprise, "enterprise");
            Objects.requireNonNull(plan, "plan");
            due = List.copyOf(due);
            superseded = List.copyOf(superseded);
            skipped = List.copyOf(skipped);
            suppressed = List.copyOf(suppressed);
            rearmed = List.copyOf(rearmed);
        }

        /** Nothing suppressed, nothing re-armed. */
        public Evaluated(Enterprise enterprise, Plan plan, List<Delivery> due, List<Delivery> superseded,
                         List<SkippedAdmin> skipped) {
            this(enterprise, plan, due, superseded, skipped, List.of(), List.of());
        }
    }
}
