package io.licensenotify.cli.config;

import io.licensenotify.adapter.braze.BrazeSettings;
import io.licensenotify.adapter.lms.LmsSettings;
import io.licensenotify.application.RunSettings;
import io.licensenotify.domain.NotificationKind;
import io.licensenotify.domain.NotificationRules;
import io.licensenotify.domain.ThresholdPolicy;
import io.licensenotify.domain.WeeklyDigestPolicy;

import java.util.LinkedHashMap;
import java.util.Map;

/** The settings of the rules, the service and each adapter, read from a configuration validated for them. */
public final class Settings {
    private Settings() {
    }

    public static NotificationRules rules(Config c) {
        ThresholdPolicy thresholds = c.get(Keys.THRESHOLDS);
        thresholds = c.get(Keys.THRESHOLD_REARM_BELOW).map(thresholds::rearmingBelow).orElse(thresholds);
        return new NotificationRules(thresholds, weekly(c), c.get(Keys.ZONE));
    }

    public static WeeklyDigestPolicy weekly(Config c) {
        return new WeeklyDigestPolicy(c.get(Keys.WEEKLY_FIRST_AFTER_DAYS), c.get(Keys.WEEKLY_EVERY_DAYS));
    }

    public static RunSettings run(Config c) {
        return new RunSettings(c.get(Keys.NOTIFY_CONCURRENCY), c.get(Keys.CLAIM_LEASE), c.get(Keys.UNCERTAIN_POLICY),
                c.get(Keys.BRAZE_BATCHING), c.get(Keys.BRAZE_PACK_LINGER));
    }

    /** The campaign of every configured kind: each threshold and the weekly digest. */
    public static Map<NotificationKind, String> campaigns(Config c) {
        Map<NotificationKind, String> campaigns = new LinkedHashMap<>();
        c.get(Keys.THRESHOLDS).percents().forEach(p ->
                campaigns.put(NotificationKind.threshold(p), c.get(Keys.campaign(NotificationKind.threshold(p)))));
        campaigns.put(NotificationKind.WEEKLY_DIGEST, c.get(Keys.WEEKLY_DIGEST_CAMPAIGN));
        return campaigns;
    }

    public static LmsSettings lms(Config c) {
        return LmsSettings.builder(c.get(Keys.LMS_BASE_URL), c.get(Keys.LMS_CLIENT_ID), c.get(Keys.LMS_CLIENT_SECRET))
                .tokenUrl(c.get(Keys.LMS_TOKEN_URL))
                .pageSize(c.get(Keys.LMS_PAGE_SIZE))
                .maxPages(c.get(Keys.LMS_MAX_PAGES))
                .maxPageBytes(c.get(Keys.LMS_MAX_PAGE_BYTES))
                .circuitFailureThreshold(c.get(Keys.LMS_CIRCUIT_FAILURE_THRESHOLD))
                .connectTimeout(c.get(Keys.LMS_CONNECT_TIMEOUT))
                .readTimeout(c.get(Keys.LMS_READ_TIMEOUT))
                .build();
    }

    public static BrazeSettings braze(Config c) {
        BrazeSettings.Builder builder = BrazeSettings.builder(c.get(Keys.BRAZE_API_URL), c.get(Keys.BRAZE_API_KEY))
                .errorRecipients(c.get(Keys.ERROR_RECIPIENTS))
                .zone(c.get(Keys.ZONE))
                .rateLimitPerHour(c.get(Keys.BRAZE_RATE_LIMIT_PER_HOUR))
                .timeouts(c.get(Keys.BRAZE_CONNECT_TIMEOUT), c.get(Keys.BRAZE_READ_TIMEOUT))
                .createMissingUsers(c.get(Keys.BRAZE_CREATE_MISSING_USERS));
        campaigns(c).forEach(builder::campaign);
        c.get(Keys.RUN_ERRORS_CAMPAIGN).ifPresent(builder::runErrorsCampaign);
        c.get(Keys.ADMIN_PORTAL_BASE_URL).ifPresent(builder::adminPortalBaseUrl);
        return builder.build();
    }
}
