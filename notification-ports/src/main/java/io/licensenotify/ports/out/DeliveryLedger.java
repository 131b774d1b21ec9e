package io.licensenotify.ports.out;

import io.licensenotify.domain.Delivery;
import io.licensenotify.domain.DeliveryKey;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Remembers deliveries so that nothing is sent twice. A claim is atomic: of two overlapping runs (threads or
 * processes), exactly one wins each key. Every method takes many keys at once and is safe to call concurrently.
 */
public interface DeliveryLedger {
    /** The keys of one enterprise that block a new delivery: every state but {@link DeliveryState#FAILED}. */
    Set<DeliveryKey> recorded(UUID enterprise);

    /**
     * Records the deliveries as {@link DeliveryState#PENDING}, or takes a {@link DeliveryState#FAILED} one back to
     * pending, and returns the keys this run won; a key held in any other state, or won by another run, is not
     * returned.
     */
    Set<DeliveryKey> claim(Collection<Delivery> deliveries, String runId, Instant at);

    /** Settles pending keys as sent, with the messaging service's dispatch id. */
    void markSent(Collection<DeliveryKey> keys, String dispatchId, Instant at);

    /** Settles pending keys as failed (definitely not sent): a later run may claim them again. */
    void markFailed(Collection<DeliveryKey> keys, String error, Instant at);

    /** Settles pending keys as uncertain: never sent again. */
    void markUncertain(Collection<DeliveryKey> keys, String reason, Instant at);

    /** Records lower thresholds crossed together with a higher one; a failed key becomes superseded too. */
    void recordSuperseded(Collection<Delivery> deliveries, String runId, Instant at);

    /**
     * Settles every pending claim made before {@code claimedBefore}: uncertain under {@link UncertainPolicy#SKIP},
     * failed (to be sent again) under {@link UncertainPolicy#RESEND}. Returns what it settled.
     */
    List<StaleClaim> sweepStaleClaims(Instant claimedBefore, UncertainPolicy policy, Instant at);
}
