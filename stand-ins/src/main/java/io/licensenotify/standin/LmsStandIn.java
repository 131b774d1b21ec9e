package io.licensenotify.standin;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The LMS: the OAuth2 client-credentials token endpoint, checking the client, and the enterprise-learner API, which
 * answers only to the token it issued, in DRF pages ({@code count}, {@code next}, {@code results}) of admins in the
 * LMS's shape (each with {@code role_assignments} {@code ["enterprise_admin"]}).
 */
public class LmsStandIn extends StandIn {
    public static final String TOKEN_PATH = "/oauth2/access_token";
    public static final String LEARNERS_PATH = "/enterprise/api/v1/enterprise-learner/";

    /** One enterprise-customer-user with the admin role, as the LMS lists it. */
    public record Admin(long ecuId, long userId, String username, String firstName, String email, boolean active,
                        Instant created) {
        /** An active admin named {@code name}, {@code <name>@example.com}. */
        public static Admin of(long ecuId, long userId, String name, Instant created) {
            String lower = name.toLowerCase(Locale.ROOT);
            return new Admin(ecuId, userId, lower, name, lower + "@example.com", true, created);
        }
    }

    private final String clientId;
    private final String clientSecret;
    private final String token;
    /** Pages exactly as given (an LMS that repeats a row on two pages), by enterprise. */
    private final Map<UUID, List<List<Admin>>> pages = new ConcurrentHashMap<>();
    /** Admins paged by the request's {@code page_size}, by enterprise. */
    private final Map<UUID, List<Admin>> admins = new ConcurrentHashMap<>();
    private final Map<UUID, String> names = new ConcurrentHashMap<>();
    private volatile Function<UUID, List<Admin>> directory = enterprise -> List.of();
    private volatile int tokenLifetimeSeconds = 3600;
    private final AtomicInteger tokensIssued = new AtomicInteger();
    private final AtomicLong tokenRequests = new AtomicLong();
    private final AtomicLong learnerRequests = new AtomicLong();

    /** @param token the access token it issues, so that a test can look for it where it must not be */
    public LmsStandIn(String clientId, String clientSecret, String token) {
        super("lms");
        this.clientId = Objects.requireNonNull(clientId, "clientId");
        this.clientSecret = Objects.requireNonNull(clientSecret, "clientSecret");
        this.token = Objects.requireNonNull(token, "token");
    }

    /** The enterprise's admins, paged as the client asks ({@code page_size}). */
    public void admins(UUID enterprise, List<Admin> list) {
        pages.remove(enterprise);
        admins.put(enterprise, List.copyOf(list));
    }

    /** The enterprise's admins in exactly these pages, duplicates and all. */
    public void pages(UUID enterprise, List<List<Admin>> list) {
        admins.remove(enterprise);
        pages.put(enterprise, list.stream().map(List::copyOf).toList());
    }

    /** The admins of every enterprise not given by {@link #admins} or {@link #pages} (none by default). */
    public void directory(Function<UUID, List<Admin>> lookup) {
        directory = Objects.requireNonNull(lookup, "lookup");
    }

    /** Enterprise names, written into each row's {@code enterprise_customer}. */
    public void names(Map<UUID, String> byEnterprise) {
        names.putAll(byEnterprise);
    }

    /** The {@code expires_in} of the tokens it issues (default an hour). */
    public void tokenLifetime(int seconds) {
        tokenLifetimeSeconds = seconds;
    }

    /** Tokens asked for since the last {@link #forget()}. */
    public long tokenRequests() {
        return tokenRequests.get();
    }

    /** Tokens issued (asked for with the right client credentials) since the last {@link #forget()}. */
    public int tokensIssued() {
        return tokensIssued.get();
    }

    /** Learner pages asked for since the last {@link #forget()}. */
    public long learnerRequests() {
        return learnerRequests.get();
    }

    public static Predicate<Received> tokenEndpoint() {
        return r -> r.path().startsWith(TOKEN_PATH);
    }

    public static Predicate<Received> anyLearnerPage() {
        return r -> r.path().startsWith(LEARNERS_PATH);
    }

    public static Predicate<Received> learnersOf(UUID enterprise) {
        return r -> r.path().startsWith(LEARNERS_PATH) && enterprise.equals(uuid(r.param("enterprise_customer_uuid")));
    }

    /** A link to page {@code page} of an enterprise's admins, as the LMS writes it. */
    public String nextLink(UUID enterprise, int page) {
        return baseUrl() + LEARNERS_PATH + "?enterprise_customer_uuid=" + enterprise + "&role=enterprise_admin&page=" + page;
    }

    /** Page {@code page} of {@code all}, with the given {@code next} link, in the LMS's shape. */
    public static Map<String, Object> page(UUID enterprise, List<List<Admin>> all, int page, String next) {
        int count = all.stream().mapToInt(List::size).sum();
        return page(enterprise, null, page <= all.size() ? all.get(page - 1) : List.of(), count, all.size(), page, next);
    }

    @Override
    protected void forgetCounts() {
        tokensIssued.set(0);
        tokenRequests.set(0);
        learnerRequests.set(0);
    }

    @Override
    protected void arrived(Received request) {
        if (tokenEndpoint().test(request)) tokenRequests.incrementAndGet();
        else if (anyLearnerPage().test(request)) learnerRequests.incrementAndGet();
    }

    /** The normal answer; public, so that a fault can delay it. */
    @Override
    public Answer answer(Received request) {
        if (tokenEndpoint().test(request)) return token(request);
        if (anyLearnerPage().test(request)) return learners(request);
        return Answer.json(404, Map.of("detail", "Not found."));
    }

    private Answer token(Received request) {
        if (!"POST".equals(request.method())) return Answer.json(405, Map.of("error", "method not allowed"));
        Map<String, String> form = Received.form(request.bodyAsString());
        if (!"client_credentials".equals(form.get("grant_type")) || !clientId.equals(form.get("client_id"))
                || !clientSecret.equals(form.get("client_secret")))
            return Answer.json(401, Map.of("error", "invalid_client"));
        tokensIssued.incrementAndGet();
        return Answer.json(200, Map.of("access_token", token, "expires_in", tokenLifetimeSeconds, "token_type", "JWT",
                "scope", "read write"));
    }

    private Answer learners(Received request) {
        if (!("JWT " + token).equals(request.header("Authorization")))
            return Answer.json(401, Map.of("detail", "Authentication credentials were not provided."));
        UUID enterprise = uuid(request.param("enterprise_customer_uuid"));
        if (enterprise == null) return Answer.json(400, Map.of("detail", "enterprise_customer_uuid is required"));
        List<List<Admin>> paged = pages.get(enterprise);
        if (paged == null) {
            List<Admin> all = admins.containsKey(enterprise) ? admins.get(enterprise) : directory.apply(enterprise);
            int size = Math.min(100, Math.max(1, number(request.param("page_size"), 10)));
            paged = new ArrayList<>();
            for (int from = 0; from < all.size(); from += size) paged.add(all.subList(from, Math.min(all.size(), from + size)));
            if (paged.isEmpty()) paged.add(List.of());
        }
        int page = number(request.param("page"), 1);
        if (page < 1 || page > paged.size()) return Answer.json(404, Map.of("detail", "Invalid page."));
        int count = paged.stream().mapToInt(List::size).sum();
        Map<String, Object> body = page(enterprise, names.get(enterprise), paged.get(page - 1), count, paged.size(),
                page, page < paged.size() ? link(request, page + 1) : null);
        body.put("previous", page > 1 ? link(request, page - 1) : null);
        return Answer.json(200, body);
    }

    private static Map<String, Object> page(UUID enterprise, String name, List<Admin> admins, int count, int pages,
                                            int page, String next) {
        List<Object> results = new ArrayList<>();
        for (Admin a : admins) results.add(row(enterprise, name, a));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("count", count);
        body.put("num_pages", pages);
        body.put("current_page", page);
        body.put("next", next);
        body.put("previous", null);
        body.put("results", results);
        body.put("enterprise_features", Map.of());
        return body;
    }

    private static Map<String, Object> row(UUID enterprise, String name, Admin a) {
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("id", a.userId());
        user.put("username", a.username());
        user.put("first_name", a.firstName());
        user.put("last_name", "");
        user.put("email", a.email());
        user.put("is_staff", false);
        user.put("is_active", a.active());
        user.put("date_joined", a.created().toString());
        Map<String, Object> customer = new LinkedHashMap<>();
        customer.put("uuid", enterprise.toString());
        if (name != null) customer.put("name", name);
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", a.ecuId());
        row.put("enterprise_customer", customer);
        row.put("active", a.active());
        row.put("user_id", a.userId());
        row.put("user", user);
        row.put("created", a.created().toString());
        row.put("invite_key", null);
        row.put("role_assignments", List.of("enterprise_admin"));
        return row;
    }

    /** The request's own query, its page replaced, on this server: as DRF writes its links. */
    private String link(Received request, int page) {
        Map<String, String> query = new LinkedHashMap<>(request.query());
        query.put("page", Integer.toString(page));
        StringBuilder s = new StringBuilder(baseUrl() + LEARNERS_PATH + "?");
        query.forEach((k, v) -> s.append(k).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)).append('&'));
        return s.substring(0, s.length() - 1);
    }

    private static int number(String value, int otherwise) {
        try {
            return value == null ? otherwise : Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }

    /** The LMS takes uuids with or without dashes; null when it is none. */
    static UUID uuid(String value) {
        if (value == null) return null;
        String v = value.trim();
        if (v.matches("[0-9a-fA-F]{32}")) v = v.replaceFirst("(.{8})(.{4})(.{4})(.{4})(.{12})", "$1-$2-$3-$4-$5");
        try {
            return UUID.fromString(v);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
