package io.licensenotify.adapter.braze;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Map;

/** Braze's wire format for {@code POST /campaigns/trigger/send}. */
final class BrazeJson {
    private BrazeJson() {
    }

    /** Trigger properties are maps because some are left out (no admin-portal link) and others may be null. */
    record TriggerRequest(@JsonProperty("campaign_id") String campaignId,
                          @JsonProperty("broadcast") boolean broadcast,
                          @JsonProperty("trigger_properties") Map<String, Object> triggerProperties,
                          @JsonProperty("recipients") List<Recipient> recipients) {
    }

    /**
     * One recipient; {@code sendToExistingOnly} and {@code attributes} only with {@code braze.create-missing-users}
     * (Braze's default, when left out, is to send to existing profiles only).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Recipient(@JsonProperty("external_user_id") String externalUserId,
                     @JsonProperty("trigger_properties") Map<String, Object> triggerProperties,
                     @JsonProperty("send_to_existing_only") Boolean sendToExistingOnly,
                     @JsonProperty("attributes") Map<String, Object> attributes) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record TriggerResponse(@JsonProperty("dispatch_id") String dispatchId,
                           @JsonProperty("message") String message,
                           @JsonProperty("errors") List<com.fasterxml.jackson.databind.JsonNode> errors) {
        /** A 2xx whose body could not be read: accepted, dispatch id unknown. */
        static final TriggerResponse UNREAD = new TriggerResponse("", null, null);

        /** The minor errors a success lists, each as text (a string as it is, anything else as its JSON). */
        List<String> errorTexts() {
            if (errors == null) return List.of();
            return errors.stream().map(e -> e.isTextual() ? e.asText() : e.toString()).toList();
        }
        /** The messages of Braze's 2xx answers: sent, or queued while Braze is in maintenance. */
        static final java.util.Set<String> ACCEPTED = java.util.Set.of("success", "queued");

        /** Braze in maintenance took the request on to send it later: {@code 202 {"message":"queued"}}. */
        boolean isQueued() {
            return "queued".equals(message);
        }

        /** Braze's shape: its success or queued message, or a dispatch id. */
        boolean isBrazes() {
            return message != null && ACCEPTED.contains(message) || dispatchId != null && !dispatchId.isBlank();
        }
    }

    /** Braze's error body: {@code {"message": "...", "errors": [...]}}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ErrorBody(@JsonProperty("message") String message) {
    }
}
