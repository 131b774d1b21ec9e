package io.licensenotify.ports.out;

import io.licensenotify.domain.DeliveryKey;
import io.licensenotify.domain.DeliveryState;

import java.time.Instant;
import java.util.Objects;

/**
 * A claim older than the lease: its run died (or stalled) between claiming and settling.
 *
 * @param was {@link DeliveryState#PENDING} (certainly never sent) or {@link DeliveryState#SENDING}
 * @param becomes what the sweep made of it ({@link DeliveryState#whenStale})
 */
public record StaleClaim(DeliveryKey key, String runId, Instant claimedAt, DeliveryState was, DeliveryState becomes) {
    public StaleClaim {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(claimedAt, "claimedAt");
        Objects.requireNonNull(was, "was");
        Objects.requireNonNull(becomes, "becomes");
        runId = runId == null ? "" : runId;
    }
}
