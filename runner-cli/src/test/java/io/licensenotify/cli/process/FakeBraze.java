package io.licensenotify.cli.process;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Predicate;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

/**
 * Braze's {@code POST /campaigns/trigger/send} on a loopback port (WireMock, in the test JVM): answers 201 with a
 * fresh {@code dispatch_id} to the configured API key and 401 to anything else, records every request as it
 * arrives, and fails, slows down or rate-limits requests as a test scripts it.
 */
final class FakeBraze implements AutoCloseable {
    static final String API_KEY = "it-braze-key-4e8a0f";
    static final String PATH = "/campaigns/trigger/send";
    static final String RUN_ERRORS = "campaign-run-errors";
    static final String ERROR_RECIPIENT = "ops-oncall";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One email as Braze received it: which campaign, for which enterprise, to which LMS user. */
    record Email(String campaign, String enterprise, String userId) {
    }

    private final AtomicLong dispatches = new AtomicLong();
    private final Script script;
    private final WireMockServer server;

    FakeBraze() {
        script = new Script("fake-braze", this::answer);
        server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1").containerThreads(60)
                .extensions(script));
        server.start();
        server.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(201)));
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.port();
    }

    /** The configuration keys that point the command at this Braze, with one campaign per kind. */
    Map<String, String> config() {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("braze.api-url", baseUrl());
        c.put("braze.api-key", API_KEY);
        c.put("braze.timeout.read", "PT2S");
        c.put("braze.timeout.connect", "PT2S");
        c.put("braze.campaign.utilization-75", "campaign-75");
        c.put("braze.campaign.utilization-100", "campaign-100");
        c.put("braze.campaign.weekly-digest", "campaign-digest");
        c.put("braze.campaign.run-errors", RUN_ERRORS);
        c.put("notify.error-recipients", ERROR_RECIPIENT);
        return c;
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

    static Predicate<Request> forEnterprise(UUID enterprise) {
        return r -> enterprise.toString().equals(body(r).path("trigger_properties").path("enterprise_customer_id").asText());
    }

    static Predicate<Request> forCampaign(String campaign) {
        return r -> campaign.equals(body(r).path("campaign_id").asText());
    }

    static Predicate<Request> anyAdminEmail() {
        return forCampaign(RUN_ERRORS).negate();
    }

    /** Every request body received, in order of arrival, whatever the answer. */
    List<JsonNode> requests() {
        return script.received().stream().map(FakeBraze::body).toList();
    }

    /**
     * The admin emails Braze took on (run-error notifications left out), one per recipient: requests answered 2xx,
     * however late, and requests cut by a connection fault; a 4xx or 5xx answer sent nothing.
     */
    List<Email> emails() {
        List<Email> emails = new ArrayList<>();
        for (JsonNode body : script.accepted().stream().map(FakeBraze::body).toList()) {
            String campaign = body.path("campaign_id").asText();
            if (campaign.equals(RUN_ERRORS)) continue;
            String enterprise = body.path("trigger_properties").path("enterprise_customer_id").asText();
            for (JsonNode r : body.path("recipients"))
                emails.add(new Email(campaign, enterprise, r.path("external_user_id").asText()));
        }
        return emails;
    }

    /** The run-error notifications received. */
    List<JsonNode> runErrors() {
        return requests().stream().filter(b -> b.path("campaign_id").asText().equals(RUN_ERRORS)).toList();
    }

    /** Every Authorization header received, to show the key travels only there. */
    List<String> authorizations() {
        return script.received().stream().map(r -> r.getHeader("Authorization")).toList();
    }

    void forget() {
        script.forget();
    }

    @Override
    public void close() {
        server.stop();
    }

    private ResponseDefinition answer(Request request) {
        if (!("Bearer " + API_KEY).equals(request.getHeader("Authorization")))
            return Script.json(401, "{\"message\":\"Invalid API key\"}");
        return Script.json(201, "{\"dispatch_id\":\"dispatch-" + dispatches.incrementAndGet() + "\",\"message\":\"success\"}");
    }

    static JsonNode body(Request request) {
        try {
            return JSON.readTree(request.getBodyAsString());
        } catch (IOException e) {
            throw new UncheckedIOException("Braze received a body that is not JSON", e);
        }
    }

    static JsonNode body(LoggedRequest request) {
        return body((Request) request);
    }
}
