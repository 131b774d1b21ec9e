package io.licensenotify.adapter.braze;

import io.licensenotify.domain.NotificationKind;
import io.licensenotify.support.Backoff;
import io.licensenotify.support.Durations;
import io.licensenotify.text.SafeText;
import okhttp3.HttpUrl;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How to reach Braze and which campaign each email kind triggers. {@link #toString()} masks the API key.
 *
 * @param apiUrl             {@code braze.api-url}, the REST host of the workspace's instance, e.g.
 *                           {@code https://rest.iad-06.braze.com}
 * @param apiKey             {@code braze.api-key}, a REST key with the {@code campaigns.trigger.send} permission
 * @param campaigns          campaign id per kind: {@code braze.campaign.utilization-<percent>},
 *                           {@code braze.campaign.weekly-digest}; a kind without one fails permanently when sent
 * @param runErrorsCampaign  {@code braze.campaign.run-errors}; absent: run errors are only logged and reported
 * @param errorRecipients    {@code notify.error-recipients}, Braze external user ids
 * @param adminPortalBaseUrl {@code admin-portal.base-url}, http(s); emails link to {@code <base>/<enterprise slug>/admin},
 *                           the slug percent-encoded as one path segment
 * @param zone               {@code notify.zone}, in which the plan's expiration date is written
 * @param rateLimit          the client-side request limit, shared by all threads using one messenger
 * @param connectTimeout     {@code braze.timeout.connect}: the longest wait for a connection
 * @param readTimeout        {@code braze.timeout.read}: the longest wait for the answer once connected, its body
 *                           included; a call lasts at most {@code connectTimeout + readTimeout} in all
 * @param maxAttempts        attempts per message for transient failures, the first one included
 * @param initialBackoff     wait before the second attempt; doubles each time, with jitter, up to {@code maxBackoff}
 *                           (see {@link Backoff})
 * @param maxRateLimitWait   the longest wait for Braze's rate limit to reset after a 429; a later reset fails the
 *                           message at once (transient, so the next run sends it)
 * @param maxPermitWait      the longest a sender waits for the client-side limiter before failing (transient)
 * @param createMissingUsers {@code braze.create-missing-users}: each recipient is sent with
 *                           {@code send_to_existing_only: false} and its {@code attributes} (email, first name), so
 *                           that Braze creates the profile of an admin it does not know and the email goes out; off,
 *                           Braze sends only to existing profiles and says nothing of the others
 */
public record BrazeSettings(URI apiUrl, String apiKey, Map<NotificationKind, String> campaigns,
                            Optional<String> runErrorsCampaign, List<String> errorRecipients,
                            Optional<URI> adminPortalBaseUrl, ZoneId zone, RateLimit rateLimit,
                            Duration connectTimeout, Duration readTimeout, int maxAttempts, Duration initialBackoff,
                            Duration maxBackoff, Duration maxRateLimitWait, Duration maxPermitWait,
                            boolean createMissingUsers) {

    public static final int DEFAULT_RATE_LIMIT_PER_HOUR = 250_000;
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** The answer once connected, body included: Braze may take a while over a request of 50 recipients. */
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_MAX_RATE_LIMIT_WAIT = Duration.ofSeconds(60);
    public static final Duration DEFAULT_MAX_PERMIT_WAIT = Duration.ofMinutes(10);

    public BrazeSettings {
        Objects.requireNonNull(apiUrl, "braze.api-url");
        Objects.requireNonNull(apiKey, "braze.api-key");
        if (apiKey.isBlank()) throw new IllegalArgumentException("braze.api-key is blank");
        campaigns = Map.copyOf(campaigns);
        campaigns.forEach((kind, id) -> {
            if (id.isBlank()) throw new IllegalArgumentException(campaignKey(kind) + " is blank");
        });
        runErrorsCampaign = Objects.requireNonNull(runErrorsCampaign, "runErrorsCampaign").filter(s -> !s.isBlank());
        errorRecipients = errorRecipients.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
        Objects.requireNonNull(adminPortalBaseUrl, "adminPortalBaseUrl").ifPresent(base -> {
            if (HttpUrl.parse(base.toString()) == null)
                throw new IllegalArgumentException("admin-portal.base-url must be an http(s) URL, was " + base);
        });
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(rateLimit, "rateLimit");
        Durations.positive(connectTimeout, "connect timeout");
        Durations.positive(readTimeout, "read timeout");
        new Backoff(maxAttempts, initialBackoff, maxBackoff);
        Durations.positive(maxRateLimitWait, "max rate-limit wait");
        Durations.positive(maxPermitWait, "max permit wait");
    }

    /** Settings with every default; add campaigns and the rest with the builder. */
    public static Builder builder(URI apiUrl, String apiKey) {
        return new Builder(apiUrl, apiKey);
    }

    /** How a request Braze did not process is tried again. */
    public Backoff backoff() {
        return new Backoff(maxAttempts, initialBackoff, maxBackoff);
    }

    /** The configuration key that names the campaign of {@code kind}, for messages about a missing one. */
    public static String campaignKey(NotificationKind kind) {
        if (kind instanceof NotificationKind.Threshold t) return "braze.campaign.utilization-" + t.percent();
        return "braze.campaign.weekly-digest";
    }

    @Override
    public String toString() {
        return "BrazeSettings[apiUrl=" + apiUrl + ", apiKey=" + SafeText.MASK + ", campaigns=" + campaigns
                + ", runErrorsCampaign=" + runErrorsCampaign + ", errorRecipients=" + errorRecipients.size()
                + ", adminPortalBaseUrl=" + adminPortalBaseUrl + ", zone=" + zone + ", rateLimit=" + rateLimit
                + ", connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout
                + ", maxAttempts=" + maxAttempts + ", initialBackoff=" + initialBackoff + ", maxBackoff=" + maxBackoff
                + ", maxRateLimitWait=" + maxRateLimitWait + ", maxPermitWait=" + maxPermitWait
                + ", createMissingUsers=" + createMissingUsers + "]";
    }

    /**
     * At most {@code permits} requests start in each consecutive {@code period} (fixed windows, counted from the
     * messenger's creation). Any window of {@code k} periods then holds at most {@code (k + 1) * permits} requests.
     */
    public record RateLimit(int permits, Duration period) {
        /** A per-hour limit spread over minutes; see {@link #perHour(int)}. */
        public static final Duration MINUTE = Duration.ofMinutes(1);

        public RateLimit {
            if (permits < 1) throw new IllegalArgumentException("rate limit permits must be positive, was " + permits);
            Durations.positive(period, "rate limit period");
        }

        /**
         * {@code braze.rate-limit-per-hour} as {@code perHour / 61} requests a minute: any hour, however it is
         * aligned, touches at most 61 one-minute windows, so no hour sees more than {@code perHour} requests
         * (250,000 gives 4,098 a minute). Limits below 61 an hour are refused.
         */
        public static RateLimit perHour(int perHour) {
            if (perHour < 61)
                throw new IllegalArgumentException("braze.rate-limit-per-hour must be at least 61, was " + perHour);
            return new RateLimit(perHour / 61, MINUTE);
        }
    }

    /** Fills the defaults of docs/operating.md's configuration table. */
    public static final class Builder {
        private final URI apiUrl;
        private final String apiKey;
        private final Map<NotificationKind, String> campaigns = new HashMap<>();
        private Optional<String> runErrorsCampaign = Optional.empty();
        private List<String> errorRecipients = List.of();
        private Optional<URI> adminPortalBaseUrl = Optional.empty();
        private ZoneId zone = ZoneId.of("UTC");
        private RateLimit rateLimit = RateLimit.perHour(DEFAULT_RATE_LIMIT_PER_HOUR);
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration readTimeout = DEFAULT_READ_TIMEOUT;
        private Backoff backoff = Backoff.DEFAULT;
        private Duration maxRateLimitWait = DEFAULT_MAX_RATE_LIMIT_WAIT;
        private Duration maxPermitWait = DEFAULT_MAX_PERMIT_WAIT;
        private boolean createMissingUsers;

        private Builder(URI apiUrl, String apiKey) {
            this.apiUrl = apiUrl;
            this.apiKey = apiKey;
        }

        public Builder campaign(NotificationKind kind, String campaignId) {
            campaigns.put(Objects.requireNonNull(kind, "kind"), Objects.requireNonNull(campaignId, "campaignId"));
            return this;
        }

        public Builder runErrorsCampaign(String campaignId) {
            runErrorsCampaign = Optional.ofNullable(campaignId);
            return this;
        }

        public Builder errorRecipients(List<String> externalUserIds) {
            errorRecipients = List.copyOf(externalUserIds);
            return this;
        }

        public Builder adminPortalBaseUrl(URI base) {
            adminPortalBaseUrl = Optional.ofNullable(base);
            return this;
        }

        public Builder zone(ZoneId zone) {
            this.zone = zone;
            return this;
        }

        public Builder rateLimitPerHour(int perHour) {
            rateLimit = RateLimit.perHour(perHour);
            return this;
        }

        public Builder rateLimit(int permits, Duration period) {
            rateLimit = new RateLimit(permits, period);
            return this;
        }

        public Builder timeouts(Duration connect, Duration read) {
            connectTimeout = connect;
            readTimeout = read;
            return this;
        }

        public Builder retries(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {
            backoff = new Backoff(maxAttempts, initialBackoff, maxBackoff);
            return this;
        }

        public Builder maxRateLimitWait(Duration wait) {
            maxRateLimitWait = wait;
            return this;
        }

        public Builder maxPermitWait(Duration wait) {
            maxPermitWait = wait;
            return this;
        }

        public Builder createMissingUsers(boolean create) {
            createMissingUsers = create;
            return this;
        }

        public BrazeSettings build() {
            return new BrazeSettings(apiUrl, apiKey, campaigns, runErrorsCampaign, errorRecipients,
                    adminPortalBaseUrl, zone, rateLimit, connectTimeout, readTimeout, backoff.maxAttempts(),
                    backoff.initial(), backoff.max(), maxRateLimitWait, maxPermitWait, createMissingUsers);
        }
    }
}
