package io.licensenotify.ports.out;

import io.licensenotify.domain.DeliveryKey;

import java.time.Instant;
import java.util.Objects;

/** A claim older than the lease: its run died between claiming and settling. */
public record StaleClaim(DeliveryKey key, String runId, Instant claimedAt) {
    public StaleClaim {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(claimedAt, "claimedAt");
        runId = runId == null ? "" : runId;
    }
}
