package io.licensenotify.application;

import io.licensenotify.domain.Delivery;
import io.licensenotify.domain.DeliveryKey;
import io.licensenotify.ports.failure.Failure;
import io.licensenotify.ports.failure.FailureKind;
import io.licensenotify.ports.in.RunObserver.Fate;
import io.licensenotify.ports.out.DeliveryLedger;
import io.licensenotify.ports.out.SendOutcome;
import io.licensenotify.ports.out.StorageException;
import io.licensenotify.text.SafeText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.licensenotify.application.OutboxEntry.claims;
import static io.licensenotify.application.OutboxEntry.keys;

/**
 * The settle step of the {@link Outbox}'s protocol: what the outcome of one request becomes for each of its
 * recipients, in the ledger (one statement per outcome) and in the run's tally and log.
 */
final class Settlement {
    /** One logger for the whole delivery protocol: the outbox's. */
    private static final Logger log = LoggerFactory.getLogger(Outbox.class);
    /** Why a lower threshold is not sent: the report's detail of a superseded delivery. */
    static final String SUPERSEDED = "a higher threshold was crossed at the same time";

    private final DeliveryLedger ledger;
    private final Tally tally;

    Settlement(DeliveryLedger ledger, Tally tally) {
        this.ledger = ledger;
        this.tally = tally;
    }

    /**
     * Settles each recipient as the outcome says for it: a success that lists an error naming a recipient makes that
     * one uncertain (docs/operating.md "What SENT means"); recipients with the same outcome share one statement.
     */
    void settle(List<OutboxEntry> going, SendOutcome outcome) {
        Map<SendOutcome, List<OutboxEntry>> byOutcome = new LinkedHashMap<>();
        for (OutboxEntry e : going)
            byOutcome.computeIfAbsent(outcome.forRecipient(e.delivery.admin().ecuId(), e.delivery.lmsUserId()),
                    o -> new ArrayList<>()).add(e);
        if (!outcome.errors().isEmpty() && byOutcome.size() == 1 && byOutcome.containsKey(outcome))
            log.warn("Braze accepted {} to {} admins and listed errors naming none of them: {}", kind(going),
                    going.size(), SafeText.withoutEmails(String.join("; ", outcome.errors())));
        List<OutboxEntry> accepted = byOutcome.getOrDefault(outcome, List.of());
        if (outcome instanceof SendOutcome.Sent sent && !accepted.isEmpty()) {
            tally.messageAccepted(sent.dispatchIdKnown(), accepted.size());
            if (sent.queued()) {
                tally.queued(going.get(0).delivery.kind(), accepted.size());
                log.warn("Braze queued {} to {} admins (it is in maintenance and sends them later)", kind(going),
                        accepted.size());
            }
        }
        byOutcome.forEach(this::settleAll);
    }

    private void settleAll(SendOutcome outcome, List<OutboxEntry> entries) {
        Set<DeliveryKey> lost;
        try {
            lost = ledger.settleAcross(claims(entries), keys(entries), outcome.state(), outcome.ledgerDetail());
        } catch (StorageException e) {
            count(entries, outcome);
            String why = outcome.describe() + ", but the ledger could not record it (" + e.getMessage()
                    + "): it stays marked as sending, which the next run past the claim lease records as uncertain";
            for (OutboxEntry d : entries) {
                tally.keepName(d.enterprise);
                tally.problem(Failure.of(d.key(), FailureKind.STORAGE, why));
            }
            log.warn("{} deliveries {}", entries.size(), SafeText.withoutEmails(why));
            return;
        }
        count(entries, outcome);
        for (OutboxEntry d : entries)
            if (lost.contains(d.key())) {
                tally.keepName(d.enterprise);
                tally.problem(Failure.of(d.key(), FailureKind.TAKEN_OVER, outcome.describe() + ", but another run"
                        + " took the claim over meanwhile (it was older than notify.claim-lease); that run's record"
                        + " stands"));
            }
    }

    private void count(List<OutboxEntry> entries, SendOutcome outcome) {
        Fate fate = Fate.settled(outcome.state());
        for (OutboxEntry d : entries) {
            if (outcome.failureKind().isEmpty()) tally.delivery(d.key(), fate, outcome.detail());
            else problem(d, fate, outcome.failureKind().get(), outcome.detail());
        }
        if (outcome.failureKind().isEmpty()) {
            // one line per request would be thousands of lines a day: INFO keeps the start, progress, end
            if (log.isDebugEnabled())
                log.debug("sent {} to {} admins of {} enterprises ({})", kind(entries), entries.size(),
                        enterprises(entries), outcome.describe());
        } else
            log.warn("{} to {} admins of {} enterprises ({}): {}", kind(entries), entries.size(),
                    enterprises(entries), enterprisesNamed(entries), SafeText.withoutEmails(outcome.describe()));
    }

    /** Lower thresholds the claim of their request recorded as superseded. */
    void superseded(List<OutboxEntry> claimed) {
        for (Delivery d : OutboxEntry.superseded(claimed))
            tally.delivery(d.key(), Fate.SUPERSEDED, SUPERSEDED);
    }

    /** A delivery that did not go as it should: counted with its fate and reason, its enterprise named. */
    void problem(OutboxEntry d, Fate fate, FailureKind kind, String detail) {
        tally.keepName(d.enterprise);
        tally.delivery(d.key(), fate, kind, detail);
    }

    static String kind(List<OutboxEntry> entries) {
        return entries.get(0).delivery.kind().code();
    }

    private static long enterprises(List<OutboxEntry> entries) {
        return OutboxEntry.enterprises(entries).size();
    }

    private static String enterprisesNamed(List<OutboxEntry> entries) {
        List<String> uuids = entries.stream().map(e -> e.enterprise.uuid().toString()).distinct().toList();
        return uuids.size() <= 3 ? String.join(", ", uuids) : String.join(", ", uuids.subList(0, 3)) + ", ...";
    }
}
