package io.licensenotify.ports.out;

import io.licensenotify.domain.DeliveryState;
import io.licensenotify.domain.NotificationKind;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A filter over the ledger; absent means any. Results are newest first (by claim time), {@code limit} rows
 * from {@code offset}.
 */
public record HistoryQuery(Optional<UUID> enterprise, Optional<Long> ecuId, Optional<NotificationKind> kind,
                           Optional<DeliveryState> state, int offset, int limit) {
    public HistoryQuery {
        Objects.requireNonNull(enterprise, "enterprise");
        Objects.requireNonNull(ecuId, "ecuId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(state, "state");
        if (offset < 0) throw new IllegalArgumentException("offset must not be negative, was " + offset);
        if (limit < 1 || limit > 10_000) throw new IllegalArgumentException("limit must be within 1..10000, was " + limit);
    }

    public static HistoryQuery all(int limit) {
        return new HistoryQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 0, limit);
    }
}
