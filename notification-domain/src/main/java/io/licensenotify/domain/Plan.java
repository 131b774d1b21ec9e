package io.licensenotify.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A subscription plan with its license counts, as read on the day of the run.
 *
 * @param start      when the plan starts (inclusive)
 * @param expiration when the plan expires (still usable on that day)
 * @param autoApply  license-manager's {@code should_auto_apply_licenses}; null there means false here
 */
public record Plan(UUID uuid, String title, Instant start, Instant expiration, boolean autoApply, boolean active,
                   LicenseCounts licenses) {
    public Plan {
        Objects.requireNonNull(uuid, "plan uuid");
        Objects.requireNonNull(start, () -> "start of plan " + uuid);
        Objects.requireNonNull(expiration, () -> "expiration of plan " + uuid);
        Objects.requireNonNull(licenses, "licenses");
        title = title == null ? "" : title;
        if (expiration.isBefore(start))
            throw new IllegalArgumentException("plan " + uuid + " expires (" + expiration + ") before it starts (" + start + ")");
    }

    /** Rule 1: a plan may be used for auto-assign on a day when it is active, auto-applied, started and not expired. */
    public boolean isCandidateOn(AsOf day) {
        return active && autoApply && day.within(start, expiration);
    }
}
