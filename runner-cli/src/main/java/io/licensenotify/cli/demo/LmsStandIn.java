package io.licensenotify.cli.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback stand-in for the LMS: the OAuth2 client-credentials token endpoint and the enterprise-learner API
 * with DRF-style pages ({@code count}, {@code next}, {@code results}), answering from an in-memory fixture.
 * Enterprises in {@code failing} answer 500, as an LMS in trouble would.
 */
public final class LmsStandIn implements AutoCloseable {
    static final String TOKEN_PATH = "/oauth2/access_token";
    static final String LEARNER_PATH = "/enterprise/api/v1/enterprise-learner/";

    /** One enterprise-customer-user with the admin role, as the LMS would list it. */
    public record Learner(long ecuId, long userId, String username, String firstName, String email, boolean active,
                          Instant created) {
    }

    private final String clientId;
    private final String clientSecret;
    private final Map<UUID, List<Learner>> admins;
    private final Map<UUID, String> names;
    private final Set<UUID> failing;
    private final Set<String> tokens = ConcurrentHashMap.newKeySet();
    private final AtomicInteger learnerRequests = new AtomicInteger();
    private final HttpServer server;

    private LmsStandIn(String clientId, String clientSecret, Map<UUID, List<Learner>> admins, Map<UUID, String> names,
                       Set<UUID> failing) throws IOException {
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.admins = Map.copyOf(admins);
        this.names = Map.copyOf(names);
        this.failing = Set.copyOf(failing);
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext(TOKEN_PATH, this::token);
        server.createContext(LEARNER_PATH, this::learners);
        server.start();
    }

    /** Starts on a free loopback port. */
    public static LmsStandIn start(String clientId, String clientSecret, Map<UUID, List<Learner>> admins,
                                   Map<UUID, String> names, Set<UUID> failing) throws IOException {
        return new LmsStandIn(clientId, clientSecret, admins, names, failing);
    }

    public URI baseUrl() {
        return URI.create("http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort());
    }

    public int tokensIssued() {
        return tokens.size();
    }

    public int learnerRequests() {
        return learnerRequests.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void token(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                StandIn.respond(exchange, 405, Map.of("error", "method not allowed"));
                return;
            }
            Map<String, String> form = StandIn.form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            if (!"client_credentials".equals(form.get("grant_type")) || !clientId.equals(form.get("client_id"))
                    || !clientSecret.equals(form.get("client_secret"))) {
                StandIn.respond(exchange, 401, Map.of("error", "invalid_client"));
                return;
            }
            String token = "demo-jwt-" + UUID.randomUUID();
            tokens.add(token);
            StandIn.respond(exchange, 200, Map.of("access_token", token, "expires_in", 3600, "token_type", "JWT",
                    "scope", "read write"));
        }
    }

    private void learners(HttpExchange exchange) throws IOException {
        try (exchange) {
            learnerRequests.incrementAndGet();
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            if (auth == null || !auth.startsWith("JWT ") || !tokens.contains(auth.substring(4))) {
                StandIn.respond(exchange, 401, Map.of("detail", "Authentication credentials were not provided."));
                return;
            }
            Map<String, String> query = StandIn.form(exchange.getRequestURI().getRawQuery());
            UUID enterprise;
            try {
                enterprise = uuid(query.getOrDefault("enterprise_customer_uuid", ""));
            } catch (IllegalArgumentException e) {
                StandIn.respond(exchange, 400, Map.of("detail", "enterprise_customer_uuid is required"));
                return;
            }
            if (failing.contains(enterprise)) {
                StandIn.respond(exchange, 500, Map.of("detail", "Internal Server Error"));
                return;
            }
            int pageSize = Math.min(100, Math.max(1, Integer.parseInt(query.getOrDefault("page_size", "10"))));
            int page = Math.max(1, Integer.parseInt(query.getOrDefault("page", "1")));
            List<Learner> all = admins.getOrDefault(enterprise, List.of());
            int from = Math.min(all.size(), (page - 1) * pageSize);
            int to = Math.min(all.size(), from + pageSize);
            int pages = Math.max(1, (all.size() + pageSize - 1) / pageSize);
            List<Object> results = new ArrayList<>();
            for (Learner l : all.subList(from, to)) results.add(item(enterprise, l));

            Map<String, Object> body = new LinkedHashMap<>();
            body.put("count", all.size());
            body.put("num_pages", pages);
            body.put("current_page", page);
            body.put("start", from);
            body.put("next", page < pages ? pageUrl(exchange, query, page + 1) : null);
            body.put("previous", page > 1 ? pageUrl(exchange, query, page - 1) : null);
            body.put("results", results);
            body.put("enterprise_features", Map.of());
            StandIn.respond(exchange, 200, body);
        }
    }

    private Map<String, Object> item(UUID enterprise, Learner l) {
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("id", l.userId());
        user.put("username", l.username());
        user.put("first_name", l.firstName());
        user.put("last_name", "");
        user.put("email", l.email());
        user.put("is_staff", false);
        user.put("is_active", l.active());
        user.put("date_joined", l.created().toString());
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("id", l.ecuId());
        item.put("enterprise_customer", Map.of("uuid", enterprise.toString(), "name", names.getOrDefault(enterprise, "")));
        item.put("active", l.active());
        item.put("user_id", l.userId());
        item.put("user", user);
        item.put("created", l.created().toString());
        item.put("invite_key", null);
        item.put("role_assignments", List.of("enterprise_admin"));
        return item;
    }

    private String pageUrl(HttpExchange exchange, Map<String, String> query, int page) {
        Map<String, String> q = new LinkedHashMap<>(query);
        q.put("page", Integer.toString(page));
        StringBuilder s = new StringBuilder(baseUrl() + LEARNER_PATH + "?");
        q.forEach((k, v) -> s.append(k).append('=').append(java.net.URLEncoder.encode(v, StandardCharsets.UTF_8)).append('&'));
        return s.substring(0, s.length() - 1);
    }

    /** The LMS accepts uuids with or without dashes. */
    static UUID uuid(String value) {
        String v = value.trim();
        if (v.matches("[0-9a-fA-F]{32}")) v = v.replaceFirst("(.{8})(.{4})(.{4})(.{4})(.{12})", "$1-$2-$3-$4-$5");
        return UUID.fromString(v);
    }
}
