package io.licensenotify.ports.out;

import io.licensenotify.domain.DeliveryKey;
import io.licensenotify.domain.DeliveryState;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * One row of the delivery ledger, as the {@code history} command shows it.
 *
 * @param released the last time an operator released it ({@code release}), if ever
 */
public record DeliveryRecord(DeliveryKey key, DeliveryState state, long lmsUserId, Optional<UUID> plan,
                             Instant claimedAt, Optional<Instant> settledAt, String runId,
                             Optional<String> dispatchId, int attempts, Optional<String> lastError,
                             Optional<Released> released) {
    public DeliveryRecord(DeliveryKey key, DeliveryState state, long lmsUserId, Optional<UUID> plan,
                          Instant claimedAt, Optional<Instant> settledAt, String runId,
                          Optional<String> dispatchId, int attempts, Optional<String> lastError) {
        this(key, state, lmsUserId, plan, claimedAt, settledAt, runId, dispatchId, attempts, lastError,
                Optional.empty());
    }

    /** An operator's release of the row: when (the ledger's clock), by whom, why. */
    public record Released(Instant at, String by, String reason) {
        public Released {
            Objects.requireNonNull(at, "at");
            by = by == null ? "" : by;
            reason = reason == null ? "" : reason;
        }
    }

    public DeliveryRecord {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(claimedAt, "claimedAt");
        Objects.requireNonNull(settledAt, "settledAt");
        runId = runId == null ? "" : runId;
        Objects.requireNonNull(dispatchId, "dispatchId");
        Objects.requireNonNull(lastError, "lastError");
        Objects.requireNonNull(released, "released");
    }
}
