package io.licensenotify.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Braze's {@code POST /campaigns/trigger/send} with latency. Records when each request arrived (to check the rate
 * limit per window) and how many recipients each (campaign, enterprise) got (to compute the fewest requests that
 * could have carried them: one per 50 recipients).
 */
final class SlowBraze extends StandInServer {
    static final String API_KEY = "bench-braze-key";
    static final String RUN_ERRORS = "bench-run-errors";

    private final int latencyMs;
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final ConcurrentLinkedQueue<Long> arrivals = new ConcurrentLinkedQueue<>();
    private final Map<String, AtomicLong> recipients = new ConcurrentHashMap<>();

    SlowBraze(int latencyMs) throws IOException {
        super("braze");
        this.latencyMs = latencyMs;
        server().createContext("/campaigns/trigger/send", this::send);
        start();
    }

    long requests() {
        return requests.get();
    }

    /** Requests answered with an error (should be none). */
    long refused() {
        return refused.get();
    }

    /** Sum over campaign and enterprise of ceil(recipients / 50), leaving out the run-error notification. */
    long minimumRequests() {
        return recipients.entrySet().stream().filter(e -> !e.getKey().startsWith(RUN_ERRORS + "|"))
                .mapToLong(e -> (e.getValue().get() + 49) / 50).sum();
    }

    long recipients() {
        return recipients.values().stream().mapToLong(AtomicLong::get).sum();
    }

    /** The most requests that arrived within any {@code windowMillis} (a sliding window over the arrivals). */
    long maxInAnyWindow(long windowMillis) {
        long[] at = arrivals.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(at);
        long windowNanos = windowMillis * 1_000_000L;
        long max = 0;
        for (int from = 0, to = 0; to < at.length; to++) {
            while (at[to] - at[from] >= windowNanos) from++;
            max = Math.max(max, to - from + 1);
        }
        return max;
    }

    private void send(HttpExchange exchange) throws IOException {
        try (exchange) {
            arrivals.add(System.nanoTime());
            requests.incrementAndGet();
            JsonNode body = JSON.readTree(exchange.getRequestBody());
            sleep(latencyMs);
            if (!("Bearer " + API_KEY).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                refused.incrementAndGet();
                respond(exchange, 401, Map.of("message", "Invalid API key"));
                return;
            }
            int count = body.path("recipients").size();
            if (count == 0 || count > 50 || !body.hasNonNull("campaign_id")) {
                refused.incrementAndGet();
                respond(exchange, 400, Map.of("message", "bad request: " + count + " recipients"));
                return;
            }
            String key = body.path("campaign_id").asText() + "|"
                    + body.path("trigger_properties").path("enterprise_customer_id").asText();
            recipients.computeIfAbsent(key, k -> new AtomicLong()).addAndGet(count);
            respond(exchange, 201, Map.of("dispatch_id", UUID.randomUUID().toString().replace("-", ""),
                    "message", "success"));
        }
    }
}
