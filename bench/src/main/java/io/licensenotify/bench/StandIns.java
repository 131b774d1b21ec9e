package io.licensenotify.bench;

import io.licensenotify.standin.BrazeStandIn;
import io.licensenotify.standin.LmsStandIn;
import io.licensenotify.standin.LmsStandIn.Admin;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The benchmark's LMS and Braze: the product's stand-ins (module {@code stand-ins}) with latency, counting what they
 * receive without keeping it (a run of 100,000 enterprises would otherwise hold every request body).
 */
final class StandIns {
    static final String LMS_CLIENT_ID = "bench-client";
    static final String LMS_CLIENT_SECRET = "bench-secret";
    static final String BRAZE_API_KEY = "bench-braze-key";
    static final String RUN_ERRORS = "bench-run-errors";

    private StandIns() {
    }

    /**
     * The LMS answering for the benchmark's {@code enterprises} with 3 active admins each (ECU ids {@code 3i+1..3i+3})
     * who joined at {@code joined}; every request waits {@code latencyMs}. Its tokens outlive any run.
     */
    static LmsStandIn lms(long enterprises, int latencyMs, Instant joined) {
        return lms(enterprises, latencyMs, joined, uuid -> {
        });
    }

    /** As {@link #lms(long, int, Instant)}, telling {@code asked} the enterprise of every request for admins. */
    static LmsStandIn lms(long enterprises, int latencyMs, Instant joined, java.util.function.Consumer<UUID> asked) {
        LmsStandIn lms = new LmsStandIn(LMS_CLIENT_ID, LMS_CLIENT_SECRET, "bench-jwt");
        lms.recording(false);
        lms.latency(latencyMs);
        lms.tokenLifetime(36_000);
        lms.directory(uuid -> {
            asked.accept(uuid);
            long i = BenchData.indexOf(uuid);
            List<Admin> admins = new ArrayList<>();
            if (i >= 0 && i < enterprises)
                for (int k = 1; k <= BenchData.ADMINS_PER_ENTERPRISE; k++) {
                    long ecu = BenchData.ADMINS_PER_ENTERPRISE * i + k;
                    admins.add(new Admin(ecu, 1_000_000_000L + ecu, "admin" + ecu, "Admin", "admin" + ecu + "@bench.example",
                            true, joined));
                }
            return admins;
        });
        return lms;
    }

    /** Braze, every request waiting {@code latencyMs}. */
    static BrazeStandIn braze(int latencyMs) {
        BrazeStandIn braze = new BrazeStandIn(BRAZE_API_KEY);
        braze.recording(false);
        braze.latency(latencyMs);
        return braze;
    }

    /** Sum over campaign and enterprise of ceil(recipients / 50), leaving out the run-error notification. */
    static long minimumRequests(BrazeStandIn braze) {
        return braze.recipientsByCampaignAndEnterprise().entrySet().stream()
                .filter(e -> !e.getKey().get(0).equals(RUN_ERRORS))
                .mapToLong(e -> (e.getValue() + BrazeStandIn.MAX_RECIPIENTS - 1) / BrazeStandIn.MAX_RECIPIENTS).sum();
    }

    /**
     * The fewest requests that packing across enterprises allows: per campaign, ceil(its recipients / 50), the
     * run-error notification apart.
     */
    static long minimumPackedRequests(BrazeStandIn braze) {
        java.util.Map<String, Long> perCampaign = new java.util.HashMap<>();
        braze.recipientsByCampaignAndEnterprise().forEach((key, n) -> {
            if (!key.get(0).equals(RUN_ERRORS)) perCampaign.merge(key.get(0), n, Long::sum);
        });
        return perCampaign.values().stream()
                .mapToLong(n -> (n + BrazeStandIn.MAX_RECIPIENTS - 1) / BrazeStandIn.MAX_RECIPIENTS).sum();
    }

    /** How many campaigns got emails, the run-error notification apart. */
    static long campaigns(BrazeStandIn braze) {
        return braze.recipientsByCampaignAndEnterprise().keySet().stream().map(k -> k.get(0))
                .filter(c -> !c.equals(RUN_ERRORS)).distinct().count();
    }

    /** The most requests that arrived within any {@code windowMillis} (a sliding window over the arrivals). */
    static long maxInAnyWindow(BrazeStandIn braze, long windowMillis) {
        long[] at = braze.arrivals().stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(at);
        long windowNanos = windowMillis * 1_000_000L;
        long max = 0;
        for (int from = 0, to = 0; to < at.length; to++) {
            while (at[to] - at[from] >= windowNanos) from++;
            max = Math.max(max, to - from + 1);
        }
        return max;
    }

    static Map<String, String> config(LmsStandIn lms, BrazeStandIn braze) {
        return Map.of("lms.base-url", lms.baseUrl().toString(), "lms.oauth.client-id", LMS_CLIENT_ID,
                "lms.oauth.client-secret", LMS_CLIENT_SECRET, "braze.api-url", braze.baseUrl().toString(),
                "braze.api-key", BRAZE_API_KEY, "braze.campaign.run-errors", RUN_ERRORS);
    }
}
