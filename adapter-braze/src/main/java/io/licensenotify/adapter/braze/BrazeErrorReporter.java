package io.licensenotify.adapter.braze;

import io.licensenotify.domain.NotificationKind;
import io.licensenotify.ports.failure.Failure;
import io.licensenotify.ports.failure.RunErrors;
import io.licensenotify.ports.failure.RunProblems;
import io.licensenotify.ports.out.ErrorReporter;
import io.licensenotify.ports.out.Message;
import io.licensenotify.ports.out.SendOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * The run-error notification (docs/design.md "What goes to Braze"): one request to {@code braze.campaign.run-errors}
 * for the {@code notify.error-recipients} (in batches of 50 if there are more), listing every failure and uncertain
 * delivery (at most {@value #MAX_LISTED}, then a {@code truncated} count). Without the campaign or the recipients
 * it logs one warning and sends nothing; the failures stay in the run report. Never throws. It shares the messenger's
 * {@link BrazeClient} (its HTTP client, rate limiter and request count) when built from one. The email carries no
 * address: admins are named by ECU id, and any address a failure's message holds becomes {@code <email>}.
 */
public final class BrazeErrorReporter implements ErrorReporter {
    static final int MAX_LISTED = 100;
    private static final Logger log = LoggerFactory.getLogger(BrazeErrorReporter.class);

    private final BrazeClient client;

    /** A reporter with its own HTTP client and rate limiter. */
    public BrazeErrorReporter(BrazeSettings settings) {
        this(new BrazeClient(Objects.requireNonNull(settings, "settings")));
    }

    /** A reporter that shares the messenger's HTTP client, rate limiter and request count. */
    public BrazeErrorReporter(BrazeMessenger messenger) {
        this(messenger.client());
    }

    private BrazeErrorReporter(BrazeClient client) {
        this.client = client;
    }

    @Override
    public Optional<String> report(RunErrors report) {
        try {
            return send(report);
        } catch (RuntimeException e) {
            log.warn("Could not send the run-error notification for run {}: {}", report.runId(), client.reason(e));
            return Optional.of(client.reason(e));
        }
    }

    private Optional<String> send(RunErrors report) {
        BrazeSettings settings = client.settings();
        if (settings.runErrorsCampaign().isEmpty() || settings.errorRecipients().isEmpty()) {
            log.warn("Run {} had {} failures, {} shared failures and {} uncertain deliveries; no run-error email because"
                    + " {} is not set", report.runId(), report.problems().failures().size(),
                    report.problems().shared().size(), report.problems().uncertain().size(),
                    settings.runErrorsCampaign().isEmpty() ? "braze.campaign.run-errors" : "notify.error-recipients");
            return Optional.empty();
        }
        Map<String, Object> properties = properties(report, settings.apiKey());
        List<String> ids = settings.errorRecipients();
        for (int from = 0; from < ids.size(); from += Message.MAX_RECIPIENTS) {
            List<BrazeJson.Recipient> recipients = ids.subList(from, Math.min(ids.size(), from + Message.MAX_RECIPIENTS))
                    .stream().map(id -> new BrazeJson.Recipient(id, null, null, null)).toList();
            SendOutcome outcome = client.trigger(new BrazeJson.TriggerRequest(settings.runErrorsCampaign().get(), false,
                    properties, recipients), UnaryOperator.identity());
            if (outcome instanceof SendOutcome.Sent sent) {
                log.info("Sent the run-error notification for run {}{} to {} recipients, dispatch {}", report.runId(),
                        report.shard().label().map(s -> " (shard " + s + ")").orElse(""), recipients.size(),
                        sent.dispatchId());
            } else {
                String why = outcome instanceof SendOutcome.Failed f ? f.reason()
                        : "whether Braze got it is unknown: " + ((SendOutcome.OutcomeUnknown) outcome).reason();
                log.warn("Could not send the run-error notification for run {}: {}", report.runId(), why);
                return Optional.of(why);
            }
        }
        return Optional.empty();
    }

    private static Map<String, Object> properties(RunErrors report, String apiKey) {
        RunProblems problems = report.problems();
        List<Failure> all = Stream.concat(problems.failures().stream(), problems.uncertain().stream()).toList();
        List<Map<String, Object>> listed = new ArrayList<>();
        for (Failure f : all.subList(0, Math.min(all.size(), MAX_LISTED))) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("enterprise_customer_id", f.enterprise().toString());
            entry.put("enterprise_customer_name", f.enterpriseName().orElse(null));
            entry.put("ecu_id", f.ecuId().orElse(null));
            entry.put("kind", f.kind().map(NotificationKind::code).orElse(null));
            entry.put("error", f.error().name());
            entry.put("message", Redaction.secretAndEmails(f.message(), apiKey));
            listed.add(entry);
        }
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("run_id", report.runId());
        properties.put("as_of", report.asOf().toString());
        // which of several shard processes had the problems ("1/4"); null for an unsharded run
        properties.put("shard", report.shard().label().orElse(null));
        properties.put("failure_count", problems.failures().size());
        properties.put("uncertain_count", problems.uncertain().size());
        properties.put("failures", listed);
        properties.put("truncated", all.size() - listed.size());
        // a failure that struck many enterprises for one reason (the LMS down) is named once, with a count
        properties.put("shared_failures", problems.shared().stream().map(f -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("error", f.error().name());
            entry.put("message", Redaction.secretAndEmails(f.message(), apiKey));
            entry.put("enterprise_count", f.enterprises());
            entry.put("examples", f.examples().stream().map(Object::toString).toList());
            return entry;
        }).toList());
        properties.put("complete", problems.stoppedEarly().isEmpty());
        properties.put("stopped_early", problems.stoppedEarly().orElse(null));
        properties.put("enterprises_not_reached", problems.enterprisesNotReached());
        return properties;
    }
}
