package io.licensenotify.standin;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * Braze's {@code POST /campaigns/trigger/send}: checks the Bearer key (and never echoes a wrong one), a campaign and 1
 * to 50 recipients, and answers 201 {@code {"dispatch_id": ..., "message": "success"}} with Braze's rate-limit
 * headers. Besides what every stand-in records, it keeps, even when not recording, the recipients each (campaign,
 * enterprise) got and when each request arrived.
 */
public class BrazeStandIn extends StandIn {
    public static final String SEND_PATH = "/campaigns/trigger/send";
    /** Braze's campaign details ({@code GET}, {@code campaign_id} in the query), what {@code check} reads. */
    public static final String DETAILS_PATH = "/campaigns/details";
    public static final int MAX_RECIPIENTS = 50;

    /** One email as Braze took it on: which campaign, for which enterprise, to which LMS user. */
    public record Email(String campaign, String enterprise, String userId) {
    }

    private final String apiKey;
    private final AtomicLong dispatches = new AtomicLong();
    private final ConcurrentLinkedQueue<Long> arrivals = new ConcurrentLinkedQueue<>();
    private final Map<List<String>, AtomicLong> recipients = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Object>> campaigns = new ConcurrentHashMap<>();

    public BrazeStandIn(String apiKey) {
        super("braze");
        this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
    }

    /** A request that holds a recipient of this enterprise (alone, or packed with others). */
    public static Predicate<Received> forEnterprise(UUID enterprise) {
        return r -> enterprisesOf(r.json()).contains(enterprise.toString());
    }

    /**
     * The enterprise of each recipient of a send request: its own {@code enterprise_customer_id}, or the request's
     * when the recipient has none (every recipient of a request that holds one enterprise shares it).
     */
    public static List<String> enterprisesOf(JsonNode body) {
        String shared = body.path("trigger_properties").path("enterprise_customer_id").asText();
        List<String> out = new ArrayList<>();
        for (JsonNode r : body.path("recipients")) {
            JsonNode own = r.path("trigger_properties").path("enterprise_customer_id");
            out.add(own.isTextual() ? own.asText() : shared);
        }
        return out;
    }

    public static Predicate<Received> forCampaign(String campaign) {
        return r -> campaign.equals(r.json().path("campaign_id").asText());
    }

    /**
     * What {@code GET /campaigns/details} answers for {@code campaign} from now on, in Braze's documented shape; a
     * campaign not given one reads as a launched API-triggered email campaign.
     */
    public void campaignDetails(String campaign, Map<String, Object> details) {
        campaigns.put(campaign, Map.copyOf(details));
    }

    /** No fault scripted, and every campaign's details as a launched API-triggered email campaign again. */
    @Override
    public void heal() {
        super.heal();
        campaigns.clear();
    }

    /** A launched API-triggered email campaign, as Braze's campaign details describe one. */
    public static Map<String, Object> apiTriggeredEmail(String name) {
        Map<String, Object> details = new HashMap<>();
        details.put("message", "success");
        details.put("name", name);
        details.put("archived", false);
        details.put("draft", false);
        details.put("schedule_type", "api_triggered");
        details.put("channels", List.of("email"));
        details.put("messages", Map.of("variation-1", Map.of("channel", "email", "name", "Variation 1")));
        return details;
    }

    /** Every send request body recorded, in order of arrival, whatever the answer. */
    public List<JsonNode> requests() {
        return received().stream().filter(r -> SEND_PATH.equals(r.path())).map(Received::json).toList();
    }

    /** One per recipient of every request taken on (answered 2xx, however late), in order of arrival. */
    public List<Email> emails() {
        List<Email> emails = new ArrayList<>();
        for (Received request : accepted()) {
            if (!SEND_PATH.equals(request.path())) continue;
            JsonNode body = request.json();
            List<String> enterprises = enterprisesOf(body);
            int i = 0;
            for (JsonNode r : body.path("recipients"))
                emails.add(new Email(body.path("campaign_id").asText(), enterprises.get(i++),
                        r.path("external_user_id").asText()));
        }
        return emails;
    }

    /** The bodies taken on since the last call, oldest first. */
    public synchronized List<JsonNode> takeAccepted() {
        List<JsonNode> taken = accepted().stream().filter(r -> SEND_PATH.equals(r.path())).map(Received::json).toList();
        forget();
        return taken;
    }

    /** Every Authorization header recorded, to show where the key travels. */
    public List<String> authorizations() {
        return received().stream().map(r -> r.header("Authorization")).toList();
    }

    /** Recipients taken on per campaign and enterprise ({@code [campaign, enterprise]}) since the last {@link #forget()}. */
    public Map<List<String>, Long> recipientsByCampaignAndEnterprise() {
        Map<List<String>, Long> counts = new HashMap<>();
        recipients.forEach((key, n) -> counts.put(key, n.get()));
        return counts;
    }

    /** When each request arrived ({@link System#nanoTime()}) since the last {@link #forget()}. */
    public List<Long> arrivals() {
        return List.copyOf(arrivals);
    }

    @Override
    protected void forgetCounts() {
        arrivals.clear();
        recipients.clear();
    }

    @Override
    protected void arrived(Received request) {
        arrivals.add(System.nanoTime());
    }

    @Override
    protected void acceptedRequest(Received request) {
        if (!SEND_PATH.equals(request.path())) return;
        JsonNode body = request.json();
        String campaign = body.path("campaign_id").asText();
        for (String enterprise : enterprisesOf(body))
            recipients.computeIfAbsent(List.of(campaign, enterprise), k -> new AtomicLong()).incrementAndGet();
    }

    @Override
    protected Answer answer(Received request) {
        if (request.path().equals(DETAILS_PATH) && "GET".equals(request.method())) return details(request);
        if (!request.path().equals(SEND_PATH)) return Answer.json(404, Map.of("message", "not found"));
        if (!"POST".equals(request.method())) return Answer.json(405, Map.of("message", "method not allowed"));
        // never echo the key that was sent: it may be a real one sent to the wrong place
        if (!("Bearer " + apiKey).equals(request.header("Authorization")))
            return Answer.json(401, Map.of("message", "Invalid API key"));
        JsonNode body = request.json();
        if (!body.isObject()) return Answer.json(400, Map.of("message", "Invalid JSON"));
        if (!body.hasNonNull("campaign_id")) return Answer.json(400, Map.of("message", "Invalid Campaign ID"));
        int count = body.path("recipients").size();
        if (count == 0 || count > MAX_RECIPIENTS)
            return Answer.json(400, Map.of("message", "The max number of external_ids and aliases per request was exceeded"));
        return Answer.json(201, Map.of("dispatch_id", "dispatch-" + dispatches.incrementAndGet(), "message", "success"))
                .withHeader("X-RateLimit-Limit", "250000")
                .withHeader("X-RateLimit-Remaining", "249999")
                .withHeader("X-RateLimit-Reset", Long.toString(Instant.now().getEpochSecond() + 3600));
    }

    private Answer details(Received request) {
        if (!("Bearer " + apiKey).equals(request.header("Authorization")))
            return Answer.json(401, Map.of("message", "Invalid API key"));
        String query = request.rawQuery() == null ? "" : request.rawQuery();
        String campaign = "";
        for (String pair : query.split("&"))
            if (pair.startsWith("campaign_id="))
                campaign = java.net.URLDecoder.decode(pair.substring("campaign_id=".length()),
                        java.nio.charset.StandardCharsets.UTF_8);
        if (campaign.isEmpty()) return Answer.json(400, Map.of("message", "Invalid campaign_id"));
        return Answer.json(200, campaigns.getOrDefault(campaign, apiTriggeredEmail(campaign)));
    }
}
