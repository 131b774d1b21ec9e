package io.licensenotify.cli.wiring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.licensenotify.adapter.braze.BrazeSettings;
import io.licensenotify.domain.NotificationKind;
import jakarta.inject.Inject;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code check}: the API key and each configured campaign, read through Braze's campaign details endpoint
 * ({@code GET /campaigns/details}, which sends nothing; the key needs the {@code campaigns.details} permission
 * besides {@code campaigns.trigger.send}). Fails on a key Braze refuses (401), a key without that permission or an
 * inactive account (403), a campaign Braze does not know, and a campaign that would drop the emails: archived, a
 * draft, not API-triggered, or not sending email. A control variant is a warning. Re-eligibility, frequency capping
 * and the Global Control Group are not in the endpoint's answer: the line says to set them by hand (docs/operating.md,
 * "What SENT means").
 */
final class BrazeProbe implements Probe {
    static final String DETAILS_PATH = "/campaigns/details";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final BrazeSettings settings;

    @Inject
    BrazeProbe(BrazeSettings settings) {
        this.settings = settings;
    }

    @Override
    public String name() {
        return "braze";
    }

    @Override
    public String probe() throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(settings.connectTimeout()).build();
        List<String> read = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (Map.Entry<String, String> campaign : campaigns().entrySet()) {
            String key = campaign.getKey();
            String id = campaign.getValue();
            HttpResponse<String> answer = details(client, id);
            int status = answer.statusCode();
            if (status == 401)
                throw new IllegalStateException("Braze refused braze.api-key (HTTP 401): the key is wrong or revoked,"
                        + " or belongs to another Braze instance than braze.api-url's " + host());
            if (status == 403)
                throw new IllegalStateException("Braze answered HTTP 403 to braze.api-key reading campaign details:"
                        + " the key lacks the campaigns.details permission that check needs to prove the key and the"
                        + " campaigns without sending (add it beside campaigns.trigger.send), or the account is inactive");
            if (status / 100 != 2) {
                wrong.add(key + " (" + id + "): Braze answered HTTP " + status + message(answer.body())
                        + ", so it knows no such campaign");
                continue;
            }
            JsonNode details = parse(answer.body());
            if (details == null || !details.isObject()) {
                wrong.add(key + " (" + id + "): the answer is not Braze's campaign details");
                continue;
            }
            String name = details.path("name").asText("");
            String named = key + " (" + id + (name.isEmpty() ? "" : ", '" + name + "'") + ")";
            List<String> problems = problems(details);
            if (!problems.isEmpty()) wrong.add(named + ": " + String.join(", ", problems));
            else read.add(named);
            for (JsonNode message : details.path("messages")) {
                if ("control".equals(message.path("type").asText()))
                    warnings.add(named + " has a control variant: the admins Braze puts in it get no email (remove"
                            + " the variant, or accept that they get nothing)");
            }
        }
        if (!wrong.isEmpty())
            throw new IllegalStateException("campaigns that would drop the emails: " + String.join("; ", wrong));
        return host() + ": braze.api-key reads the " + read.size() + " campaigns: " + String.join(", ", read)
                + (warnings.isEmpty() ? "" : "; warning: " + String.join("; warning: ", warnings))
                + "; re-eligibility, frequency capping and the Global Control Group are not in Braze's answer: set"
                + " them as docs/operating.md says";
    }

    /** What Braze's documented fields say is wrong with a campaign for this job, each naming the setting. */
    static List<String> problems(JsonNode details) {
        List<String> problems = new ArrayList<>();
        if (details.path("archived").asBoolean(false)) problems.add("archived (unarchive it)");
        if (details.path("draft").asBoolean(false)) problems.add("a draft (launch it)");
        String schedule = details.path("schedule_type").asText("");
        if (!schedule.isEmpty() && !schedule.toLowerCase(Locale.ROOT).contains("api"))
            problems.add("not API-triggered (schedule_type '" + schedule + "': its delivery must be API-triggered)");
        JsonNode channels = details.path("channels");
        if (channels.isArray() && !channels.isEmpty()) {
            boolean email = false;
            for (JsonNode channel : channels) email |= "email".equalsIgnoreCase(channel.asText());
            if (!email) problems.add("sends no email (channels " + channels + ")");
        }
        return problems;
    }

    /** Each campaign by the key that names it, in the configuration's order. */
    private Map<String, String> campaigns() {
        Map<String, String> campaigns = new LinkedHashMap<>();
        settings.campaigns().entrySet().stream()
                .sorted(Map.Entry.comparingByKey(java.util.Comparator.comparing(NotificationKind::code)))
                .forEach(e -> campaigns.put(BrazeSettings.campaignKey(e.getKey()), e.getValue()));
        settings.runErrorsCampaign().ifPresent(id -> campaigns.put("braze.campaign.run-errors", id));
        return campaigns;
    }

    private HttpResponse<String> details(HttpClient client, String campaign) throws IOException, InterruptedException {
        String base = settings.apiUrl().toString().replaceAll("/+$", "");
        URI url = URI.create(base + DETAILS_PATH + "?campaign_id=" + URLEncoder.encode(campaign, StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + settings.apiKey()).GET().build();
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IOException("no answer from " + host() + " (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", e);
        }
    }

    private String host() {
        URI url = settings.apiUrl();
        return url.getHost() + (url.getPort() > 0 ? ":" + url.getPort() : "");
    }

    private static JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? null : JSON.readTree(body);
        } catch (IOException notJson) {
            return null;
        }
    }

    /** Braze's own message, if the body has one: shown masked (check masks every secret it prints). */
    private static String message(String body) {
        JsonNode json = parse(body);
        String message = json == null ? "" : json.path("message").asText("");
        return message.isEmpty() ? "" : " ('" + message.substring(0, Math.min(120, message.length())) + "')";
    }
}
