package io.licensenotify.cli.process;

import com.fasterxml.jackson.databind.JsonNode;
import io.licensenotify.standin.BrazeStandIn;
import io.licensenotify.standin.Received;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** Braze of the process tests: the stand-in with their key, one campaign per kind and short deadlines. */
final class FakeBraze extends BrazeStandIn {
    static final String API_KEY = "it-braze-key-4e8a0f";
    static final String RUN_ERRORS = "campaign-run-errors";
    static final String ERROR_RECIPIENT = "ops-oncall";

    FakeBraze() {
        super(API_KEY);
    }

    /** The configuration keys that point the command at this Braze, with one campaign per kind. */
    Map<String, String> config() {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("braze.api-url", baseUrl().toString());
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

    static Predicate<Received> anyAdminEmail() {
        return forCampaign(RUN_ERRORS).negate();
    }

    /** The admin emails Braze took on, one per recipient; run-error notifications left out. */
    @Override
    public List<Email> emails() {
        return super.emails().stream().filter(e -> !e.campaign().equals(RUN_ERRORS)).toList();
    }

    /** The run-error notifications received. */
    List<JsonNode> runErrors() {
        return requests().stream().filter(b -> b.path("campaign_id").asText().equals(RUN_ERRORS)).toList();
    }
}
