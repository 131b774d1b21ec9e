package io.licensenotify.ports.out;

import io.licensenotify.domain.DeliveryState;
import io.licensenotify.domain.NotificationKind;
import io.licensenotify.text.SafeText;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * An operator's release ({@code license-notify release}): the deliveries in {@code states} that match the filters
 * (absent means any) become {@link DeliveryState#FAILED}, so that the next run sends them, as
 * {@link DeliveryState#releasableByOperator(boolean)} allows: uncertain ones, and claims older than {@code lease}
 * by the ledger's clock. The row records when, {@code by} whom and why.
 *
 * @param states states to release, each one {@link DeliveryState#releasableByOperator()} allows
 * @param by     who released them (a user name), never empty
 * @param reason why, never empty; addresses are removed
 */
public record OperatorRelease(Set<DeliveryState> states, Optional<UUID> enterprise, Optional<Long> ecuId,
                              Optional<NotificationKind> kind, Duration lease, String by, String reason) {
    public OperatorRelease {
        Objects.requireNonNull(states, "states");
        if (states.isEmpty()) throw new IllegalArgumentException("name at least one state to release");
        for (DeliveryState s : states)
            if (!DeliveryState.releasableByOperator().contains(s))
                throw new IllegalArgumentException(s + " is never released: only "
                        + DeliveryState.releasableByOperator() + " are");
        states = Set.copyOf(EnumSet.copyOf(states));
        Objects.requireNonNull(enterprise, "enterprise");
        Objects.requireNonNull(ecuId, "ecuId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(lease, "lease");
        if (lease.isNegative()) throw new IllegalArgumentException("the lease must not be negative, was " + lease);
        if (by == null || by.isBlank()) throw new IllegalArgumentException("say who releases");
        if (reason == null || reason.isBlank()) throw new IllegalArgumentException("say why (a reason is required)");
        by = by.strip();
        reason = SafeText.withoutEmails(reason.strip());
    }

    /** True when a row in {@code state}, claimed {@code olderThanLease} or not, is released by this. */
    public boolean releases(DeliveryState state, boolean olderThanLease) {
        return states.contains(state) && state.releasableByOperator(olderThanLease);
    }
}
