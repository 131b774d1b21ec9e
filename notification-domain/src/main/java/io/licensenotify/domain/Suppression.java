package io.licensenotify.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Rule 6: an operator's "send no more of these": for one enterprise, one of its admins or all of them, one kind or
 * every kind. A suppressed delivery is neither claimed nor sent; when the suppression goes, a threshold still
 * reached and never sent is sent at the next run, a digest only for the week then current.
 *
 * @param ecuId     the admin (enterprise-customer-user); absent for every admin of the enterprise
 * @param kind      absent for every kind
 * @param createdBy who asked for it (an operator's name, else the OS user)
 */
public record Suppression(UUID enterprise, Optional<Long> ecuId, Optional<NotificationKind> kind, String reason,
                          Instant createdAt, String createdBy) {
    public Suppression {
        Objects.requireNonNull(enterprise, "enterprise");
        Objects.requireNonNull(ecuId, "ecuId");
        ecuId.ifPresent(id -> {
            if (id <= 0) throw new IllegalArgumentException("ECU id must be positive, was " + id);
        });
        Objects.requireNonNull(kind, "kind");
        reason = reason == null ? "" : reason;
        Objects.requireNonNull(createdAt, "createdAt");
        createdBy = createdBy == null ? "" : createdBy;
    }

    /** True when this suppression covers the delivery of {@code key}. */
    public boolean covers(DeliveryKey key) {
        return enterprise.equals(key.enterprise())
                && ecuId.map(id -> id == key.ecuId()).orElse(true)
                && kind.map(k -> k.equals(key.kind())).orElse(true);
    }

    /** True when both name the same enterprise, admin and kind (what makes a suppression unique). */
    public boolean sameSelectors(Suppression other) {
        return enterprise.equals(other.enterprise) && ecuId.equals(other.ecuId) && kind.equals(other.kind);
    }
}
