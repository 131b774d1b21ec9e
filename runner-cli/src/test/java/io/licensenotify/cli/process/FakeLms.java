package io.licensenotify.cli.process;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.QueryParameter;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

/**
 * The LMS on a loopback port (WireMock, in the test JVM): the OAuth2 client-credentials token endpoint, checking
 * the client secret, and the enterprise-learner API answering DRF pages ({@code next} links with {@code page=N})
 * only to the token it issued. Faults are scripted per request.
 */
final class FakeLms implements AutoCloseable {
    static final String CLIENT_ID = "it-lms-client";
    static final String CLIENT_SECRET = "it-lms-secret-5b0d1c";
    static final String TOKEN = "it-lms-jwt-93fe27a1";
    static final String TOKEN_PATH = "/oauth2/access_token";
    static final String LEARNERS_PATH = "/enterprise/api/v1/enterprise-learner/";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One enterprise-customer-user with the admin role. */
    record Admin(long ecuId, long userId, String username, String firstName, String email, boolean active,
                 Instant created) {
        static Admin of(long ecuId, long userId, String name, Instant created) {
            return new Admin(ecuId, userId, name.toLowerCase(java.util.Locale.ROOT), name,
                    name.toLowerCase(java.util.Locale.ROOT) + "@example.com", true, created);
        }
    }

    /** Pages of admins by enterprise; an enterprise without an entry has no admins. */
    private final Map<UUID, List<List<Admin>>> pages = new ConcurrentHashMap<>();
    private final Script script;
    private final WireMockServer server;

    FakeLms() {
        script = new Script("fake-lms", this::answer);
        server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1").containerThreads(40)
                .extensions(script));
        server.start();
        server.stubFor(post(urlPathEqualTo(TOKEN_PATH)).willReturn(aResponse().withStatus(200)));
        server.stubFor(get(urlPathEqualTo(LEARNERS_PATH)).willReturn(aResponse().withStatus(200)));
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.port();
    }

    /** The configuration keys that point the command at this LMS. */
    Map<String, String> config() {
        return Map.of("lms.base-url", baseUrl(), "lms.oauth.client-id", CLIENT_ID,
                "lms.oauth.client-secret", CLIENT_SECRET, "lms.timeout.read", "PT2S", "lms.timeout.connect", "PT2S");
    }

    void admins(UUID enterprise, List<Admin> admins) {
        pages(enterprise, List.of(admins));
    }

    /** The admins as the LMS pages them, duplicates and all. */
    void pages(UUID enterprise, List<List<Admin>> pagesOfAdmins) {
        pages.put(enterprise, List.copyOf(pagesOfAdmins));
    }

    void fault(Predicate<Request> when, int times, Function<Request, ResponseDefinition> answer) {
        script.fault(when, times, answer);
    }

    void heal() {
        script.heal();
    }

    int faultsServed() {
        return script.faultsServed();
    }

    static Predicate<Request> learnersOf(UUID enterprise) {
        return r -> r.getUrl().startsWith(LEARNERS_PATH) && enterprise.toString().equals(param(r, "enterprise_customer_uuid"));
    }

    static Predicate<Request> anyLearnerPage() {
        return r -> r.getUrl().startsWith(LEARNERS_PATH);
    }

    static Predicate<Request> tokenEndpoint() {
        return r -> r.getUrl().startsWith(TOKEN_PATH);
    }

    /** How many tokens were asked for. */
    long tokenRequests() {
        return script.received().stream().filter(tokenEndpoint()).count();
    }

    /** How many learner pages were asked for. */
    long learnerRequests() {
        return script.received().stream().filter(r -> r.getUrl().startsWith(LEARNERS_PATH)).count();
    }

    void forget() {
        script.forget();
    }

    @Override
    public void close() {
        server.stop();
    }

    /** The normal answer, for faults that only delay it. */
    ResponseDefinition answer(Request request) {
        if (request.getUrl().startsWith(TOKEN_PATH)) {
            String form = request.getBodyAsString();
            if (!form.contains("client_secret=" + CLIENT_SECRET) || !form.contains("client_id=" + CLIENT_ID))
                return Script.json(401, "{\"error\":\"invalid_client\"}");
            return Script.json(200, "{\"access_token\":\"" + TOKEN + "\",\"expires_in\":3600,\"token_type\":\"JWT\","
                    + "\"scope\":\"read write\"}");
        }
        if (!("JWT " + TOKEN).equals(request.getHeader("Authorization")))
            return Script.json(401, "{\"detail\":\"Authentication credentials were not provided.\"}");
        UUID enterprise;
        try {
            enterprise = UUID.fromString(param(request, "enterprise_customer_uuid"));
        } catch (RuntimeException e) {
            return Script.json(400, "{\"detail\":\"enterprise_customer_uuid is required\"}");
        }
        List<List<Admin>> all = pages.getOrDefault(enterprise, List.of(List.of()));
        String p = param(request, "page");
        int page = p == null ? 1 : Integer.parseInt(p);
        if (page < 1 || page > all.size()) return Script.json(404, "{\"detail\":\"Invalid page.\"}");
        return Script.json(200, page(enterprise, all, page, page < all.size() ? nextLink(enterprise, page + 1) : null));
    }

    String nextLink(UUID enterprise, int page) {
        return baseUrl() + LEARNERS_PATH + "?enterprise_customer_uuid=" + enterprise + "&role=enterprise_admin&page=" + page;
    }

    /** A page in the LMS's shape, with a given {@code next} link. */
    static String page(UUID enterprise, List<List<Admin>> all, int page, String next) {
        ObjectNode body = JSON.createObjectNode();
        int count = all.stream().mapToInt(List::size).sum();
        body.put("count", count);
        body.put("num_pages", all.size());
        body.put("current_page", page);
        body.put("next", next);
        body.putNull("previous");
        ArrayNode results = body.putArray("results");
        List<Admin> admins = page <= all.size() ? all.get(page - 1) : new ArrayList<>();
        for (Admin a : admins) {
            ObjectNode item = results.addObject();
            item.put("id", a.ecuId());
            item.putObject("enterprise_customer").put("uuid", enterprise.toString());
            item.put("active", a.active());
            item.put("user_id", a.userId());
            item.put("created", a.created().toString());
            ObjectNode user = item.putObject("user");
            user.put("id", a.userId());
            user.put("username", a.username());
            user.put("first_name", a.firstName());
            user.put("last_name", "");
            user.put("email", a.email());
            user.put("is_staff", false);
            user.put("is_active", a.active());
            user.put("date_joined", a.created().toString());
        }
        body.putObject("enterprise_features");
        return body.toString();
    }

    static String param(Request request, String name) {
        QueryParameter q = request.queryParameter(name);
        return q != null && q.isPresent() ? q.firstValue() : null;
    }
}
