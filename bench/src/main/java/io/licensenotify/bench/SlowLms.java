package io.licensenotify.bench;

import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The LMS with latency: a token endpoint and the enterprise-learner API, answering for the benchmark's enterprises
 * with 3 active admins each (ECU ids {@code 3i+1..3i+3}) who joined 30 days before the run. Every request waits
 * {@code latencyMs} before it answers; learner requests are counted.
 */
final class SlowLms extends StandInServer {
    static final String CLIENT_ID = "bench-client";
    static final String CLIENT_SECRET = "bench-secret";
    private static final String TOKEN = "bench-jwt";

    private final long enterprises;
    private final int latencyMs;
    private final Instant joined;
    private final AtomicLong learnerRequests = new AtomicLong();

    SlowLms(long enterprises, int latencyMs, Instant joined) throws IOException {
        super("lms");
        this.enterprises = enterprises;
        this.latencyMs = latencyMs;
        this.joined = joined;
        server().createContext("/oauth2/access_token", this::token);
        server().createContext("/enterprise/api/v1/enterprise-learner/", this::learners);
        start();
    }

    long learnerRequests() {
        return learnerRequests.get();
    }

    private void token(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            sleep(latencyMs);
            respond(exchange, 200, Map.of("access_token", TOKEN, "expires_in", 36_000, "token_type", "JWT",
                    "scope", "read write"));
        }
    }

    private void learners(HttpExchange exchange) throws IOException {
        try (exchange) {
            learnerRequests.incrementAndGet();
            sleep(latencyMs);
            if (!("JWT " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                respond(exchange, 401, Map.of("detail", "Authentication credentials were not provided."));
                return;
            }
            Map<String, String> query = form(exchange.getRequestURI().getRawQuery());
            long i;
            try {
                i = BenchData.indexOf(uuid(query.getOrDefault("enterprise_customer_uuid", "")));
            } catch (IllegalArgumentException e) {
                respond(exchange, 400, Map.of("detail", "enterprise_customer_uuid is required"));
                return;
            }
            List<Object> results = new ArrayList<>();
            if (i >= 0 && i < enterprises)
                for (int k = 1; k <= BenchData.ADMINS_PER_ENTERPRISE; k++)
                    results.add(item(i, BenchData.ADMINS_PER_ENTERPRISE * i + k));
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("count", results.size());
            body.put("num_pages", 1);
            body.put("current_page", 1);
            body.put("start", 0);
            body.put("next", null);
            body.put("previous", null);
            body.put("results", results);
            respond(exchange, 200, body);
        }
    }

    private Map<String, Object> item(long enterprise, long ecu) {
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("id", 1_000_000_000L + ecu);
        user.put("username", "admin" + ecu);
        user.put("first_name", "Admin");
        user.put("last_name", String.valueOf(ecu));
        user.put("email", "admin" + ecu + "@bench.example");
        user.put("is_staff", false);
        user.put("is_active", true);
        user.put("date_joined", joined.toString());
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("id", ecu);
        item.put("enterprise_customer", Map.of("uuid", BenchData.enterprise(enterprise).toString()));
        item.put("active", true);
        item.put("user_id", 1_000_000_000L + ecu);
        item.put("user", user);
        item.put("created", joined.toString());
        item.put("role_assignments", List.of("enterprise_admin"));
        return item;
    }

    private static UUID uuid(String value) {
        String v = value.trim();
        if (v.matches("[0-9a-fA-F]{32}")) v = v.replaceFirst("(.{8})(.{4})(.{4})(.{4})(.{12})", "$1-$2-$3-$4-$5");
        return UUID.fromString(v);
    }
}
