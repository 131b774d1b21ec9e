package io.licensenotify.domain;

import java.time.ZoneId;
import java.util.Objects;

/**
 * The configurable part of the eligibility rules.
 *
 * @param zone the zone whose calendar dates the rules compare (default UTC)
 */
public record NotificationRules(ThresholdPolicy thresholds, WeeklyDigestPolicy weekly, ZoneId zone) {
    public static final NotificationRules DEFAULT =
            new NotificationRules(ThresholdPolicy.DEFAULT, WeeklyDigestPolicy.DEFAULT, ZoneId.of("UTC"));

    public NotificationRules {
        Objects.requireNonNull(thresholds, "thresholds");
        Objects.requireNonNull(weekly, "weekly");
        Objects.requireNonNull(zone, "zone");
    }
}
