package io.licensenotify.adapter.braze;

import io.licensenotify.domain.Admin;
import io.licensenotify.domain.Enterprise;
import io.licensenotify.domain.LicenseCounts;
import io.licensenotify.domain.NotificationKind;
import io.licensenotify.domain.Plan;
import io.licensenotify.domain.Utilization;
import io.licensenotify.ports.out.Message;
import io.licensenotify.ports.out.Messenger;
import io.licensenotify.ports.out.SendOutcome;
import okhttp3.HttpUrl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Sends a {@link Message} as one Braze {@code POST /campaigns/trigger/send} to the campaign configured for its kind
 * (docs/design.md "What goes to Braze"). Thread-safe: all threads share one HTTP client and one client-side rate limiter,
 * so a run stays under {@code braze.rate-limit-per-hour} however many senders it has.
 *
 * <p>What each answer becomes (sent, failed and retried or not, uncertain) is the table of docs/operating.md "What Braze's
 * answers become", implemented by {@link CallFailed}. No campaign configured for the kind: {@code Failed(permanent)}
 * naming the missing key, nothing sent.
 *
 * <p>No outcome, exception or log line carries the API key or an address: an address Braze echoes becomes its
 * admin's ECU id ({@code ECU 1001}), any other {@code <email>}.
 */
public final class BrazeMessenger implements Messenger {
    private static final Logger log = LoggerFactory.getLogger(BrazeMessenger.class);
    /** Like license-manager's emails: "Mar 5, 2027". */
    private static final DateTimeFormatter EXPIRATION = DateTimeFormatter.ofPattern("MMM d, yyyy", Locale.US);

    private final BrazeSettings settings;
    private final BrazeClient client;
    /** {@code admin-portal.base-url}, parsed once: each recipient's link is built on it. */
    private final Optional<HttpUrl> adminPortal;

    public BrazeMessenger(BrazeSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.client = new BrazeClient(settings);
        this.adminPortal = settings.adminPortalBaseUrl().map(base -> HttpUrl.get(base.toString()));
    }

    @Override
    public SendOutcome send(Message message) {
        if (message.recipients().size() > Message.MAX_RECIPIENTS)
            throw new IllegalArgumentException("a Braze request takes at most " + Message.MAX_RECIPIENTS
                    + " recipients, got " + message.recipients().size() + " (" + message.kind().code() + ")");
        String campaign = settings.campaigns().get(message.kind());
        if (campaign == null)
            return new SendOutcome.Failed(false, 0, "no Braze campaign for " + message.kind().code()
                    + ": set " + BrazeSettings.campaignKey(message.kind()));
        SendOutcome outcome = client.trigger(request(message, campaign), Redaction.recipients(message.recipients()));
        if (outcome instanceof SendOutcome.Sent sent)
            log.debug("Triggered campaign {} ({}) for {} admins of {} enterprises, dispatch {}", campaign,
                    message.kind().code(), message.recipients().size(), message.enterprises().size(),
                    sent.dispatchId());
        else
            log.warn("Campaign {} ({}) for enterprises {}, ECUs {}: {}", campaign, message.kind().code(),
                    message.enterprises().stream().map(Enterprise::uuid).toList(),
                    message.recipients().stream().map(Admin::ecuId).toList(), outcome);
        return outcome;
    }

    @Override
    public long requestsMade() {
        return client.requestsMade();
    }

    /** The client, so that {@link BrazeErrorReporter} shares its limiter. */
    BrazeClient client() {
        return client;
    }

    /**
     * Each recipient's trigger properties hold all its email needs (docs/design.md "What goes to Braze"); what its
     * enterprise and plan give that is the same for every recipient of the request goes once at the top level
     * (recipients' properties override same-named top-level ones, so a template reads the same either way).
     */
    private BrazeJson.TriggerRequest request(Message message, String campaign) {
        // recipients of one enterprise come one after the other: its properties are made once
        List<Map<String, Object>> ofEnterprise = new java.util.ArrayList<>(message.to().size());
        Message.Recipient previous = null;
        for (Message.Recipient r : message.to()) {
            boolean same = previous != null && previous.enterprise() == r.enterprise() && previous.plan() == r.plan();
            ofEnterprise.add(same ? ofEnterprise.get(ofEnterprise.size() - 1)
                    : enterpriseProperties(message.kind(), r.enterprise(), r.plan()));
            previous = r;
        }
        Map<String, Object> shared = new LinkedHashMap<>(ofEnterprise.get(0));
        for (Map<String, Object> each : ofEnterprise.subList(1, ofEnterprise.size()))
            shared.entrySet().removeIf(e -> !each.containsKey(e.getKey())
                    || !Objects.equals(each.get(e.getKey()), e.getValue()));
        List<BrazeJson.Recipient> recipients = new java.util.ArrayList<>(message.to().size());
        for (int i = 0; i < message.to().size(); i++) {
            Map<String, Object> own = new LinkedHashMap<>(ofEnterprise.get(i));
            own.keySet().removeAll(shared.keySet());
            recipients.add(recipient(message.to().get(i).admin(), own));
        }
        return new BrazeJson.TriggerRequest(campaign, false, shared, recipients);
    }

    private Map<String, Object> enterpriseProperties(NotificationKind kind, Enterprise enterprise, Plan plan) {
        LicenseCounts licenses = plan.licenses();
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("enterprise_customer_id", enterprise.uuid().toString());
        properties.put("subscription_plan_uuid", plan.uuid().toString());
        properties.put("allocated_license_count", licenses.allocated());
        properties.put("total_license_count", licenses.total());
        properties.put("enterprise_customer_name", enterprise.name());
        properties.put("subscription_plan_title", plan.title());
        properties.put("expiration_date", EXPIRATION.format(plan.expiration().atZone(settings.zone())));
        adminPortalUrl(enterprise).ifPresent(url -> properties.put("admin_portal_url", url));
        if (kind instanceof NotificationKind.Threshold threshold) {
            licenses.utilization().map(Utilization::percentFloor)
                    .ifPresent(percent -> properties.put("utilization_percent", percent));
            properties.put("threshold_percent", threshold.percent());
        }
        return properties;
    }

    private BrazeJson.Recipient recipient(Admin admin, Map<String, Object> ofEnterprise) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("user_name", admin.username());
        properties.put("first_name", admin.firstName());
        properties.put("email", admin.email());
        properties.putAll(ofEnterprise);
        // Braze external ids are strings; the LMS user id is a number
        String externalId = String.valueOf(admin.lmsUserId().orElseThrow());
        if (!settings.createMissingUsers()) return new BrazeJson.Recipient(externalId, properties, null, null);
        // the profile Braze creates for an admin it does not know, so that the email has an address to go to
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("email", admin.email());
        attributes.put("first_name", admin.firstName());
        return new BrazeJson.Recipient(externalId, properties, false, attributes);
    }

    private Optional<String> adminPortalUrl(Enterprise enterprise) {
        return adminPortal.flatMap(base -> enterprise.slug().flatMap(slug -> {
            if (slug.equals(".") || slug.equals("..")) {
                // a browser resolves these as "here" and "up" even when encoded: better no link than another page
                log.warn("Enterprise {} has the slug {}, which cannot be a link: its emails carry no admin_portal_url",
                        enterprise.uuid(), slug);
                return Optional.empty();
            }
            // one path segment whatever the slug holds: '/', '?', '#', '%', spaces and non-ASCII are encoded
            return Optional.of(base.newBuilder().addPathSegment(slug).addPathSegment("admin")
                    .build().toString());
        }));
    }
}
