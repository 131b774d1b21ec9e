package io.licensenotify.domain;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The life of one delivery in the ledger, and the one place that says which states block a new delivery, which may
 * be claimed again, and what a claim left by a dead run becomes (docs/design.md "Delivery semantics"). Every ledger,
 * in a database or in memory, takes its answers from here.
 *
 * <pre>
 *   (none) ──claim──▶ PENDING ──mark as sending──▶ SENDING ──▶ SENT | FAILED | UNCERTAIN
 *   (none) ──claim as sending (a packed request leaving)──▶ SENDING
 *   FAILED ──claim──▶ PENDING          PENDING ──release (never marked, never sent)──▶ FAILED
 *   (none) | FAILED | ARMED ──supersede──▶ SUPERSEDED     UNCERTAIN ──release by an operator──▶ FAILED
 *   (none) ──re-arm──▶ ARMED ──claim──▶ PENDING            PENDING | SENDING older than the lease ──release by an operator──▶ FAILED
 * </pre>
 */
public enum DeliveryState {
    /** Claimed by a run that has not started sending it. If the run died, it was certainly not sent. */
    PENDING,
    /** Its request is leaving or has left: whether the messaging service got it is known only when settled. */
    SENDING,
    /** Accepted by the messaging service. Never sent again. */
    SENT,
    /** Definitely not sent; a later run claims it again. */
    FAILED,
    /** A lower threshold crossed together with a higher one. Never sent. */
    SUPERSEDED,
    /** Whether it was sent is unknown (a run died or a request timed out mid-send). Not sent again by default. */
    UNCERTAIN,
    /**
     * Rule 7: a threshold re-armed after utilization fell below it (this key's period is its new generation); the
     * next crossing claims and sends it.
     */
    ARMED;

    /**
     * True when a row in this state keeps the rules from deciding the delivery again: every state but failed
     * (definitely not sent) and armed (not sent yet).
     */
    public boolean blocksNewDelivery() {
        return this != FAILED && this != ARMED;
    }

    /** True when a run may claim a row in this state (besides a key the ledger does not hold yet). */
    public boolean mayBeClaimed() {
        return this == FAILED || this == ARMED;
    }

    /** True for a claim a run holds: pending or sending. Only these are settled, and only by the run holding them. */
    public boolean isClaim() {
        return this == PENDING || this == SENDING;
    }

    /**
     * Rule 7: true when a threshold recorded in this state may be re-armed once utilization falls below it: sent,
     * superseded, or uncertain (maybe sent). Never a claim in flight, nor a failed or armed one (nothing went out).
     */
    public boolean allowsRearm() {
        return this == SENT || this == SUPERSEDED || this == UNCERTAIN;
    }

    /**
     * What a claim older than the lease (its run died) becomes. Pending was never sent: released, sent again
     * under either policy. Sending may have reached the messaging service: uncertain under {@link UncertainPolicy#SKIP},
     * released under {@link UncertainPolicy#RESEND}.
     *
     * @throws IllegalStateException for a state that is no claim
     */
    public DeliveryState whenStale(UncertainPolicy policy) {
        Objects.requireNonNull(policy, "policy");
        return switch (this) {
            case PENDING -> FAILED;
            case SENDING -> policy == UncertainPolicy.SKIP ? UNCERTAIN : FAILED;
            default -> throw new IllegalStateException(this + " is no claim and never goes stale");
        };
    }

    /**
     * The states a row must be in for the run holding the claim to settle it as this state: pending to sending
     * (the marker), sending to sent, failed or uncertain (the outcome). A claim never marked goes back only by
     * {@link #releasable() release}.
     */
    public Set<DeliveryState> settlesFrom() {
        return switch (this) {
            case SENDING -> EnumSet.of(PENDING);
            case SENT, FAILED, UNCERTAIN -> EnumSet.of(SENDING);
            default -> EnumSet.noneOf(DeliveryState.class);
        };
    }

    /**
     * The states a run may release its claim from, back to {@link #FAILED} (certainly not sent): only pending. A
     * claim marked as sending is never released, since its request may be leaving.
     */
    public static Set<DeliveryState> releasable() {
        return EnumSet.of(PENDING);
    }

    /**
     * Whether an operator may release a row in this state (the {@code release} command), to {@link #FAILED} so that
     * the next run sends it: an uncertain one (the operator checked that the messaging service never sent it, or
     * accepts a second email), and a claim whose run died ({@code olderThanLease}), marked as sending or not. Never
     * a claim a live run may still hold, nor a sent, superseded, failed or armed row.
     */
    public boolean releasableByOperator(boolean olderThanLease) {
        return this == UNCERTAIN || (isClaim() && olderThanLease);
    }

    /** Every state an operator may release from (claims only once older than the lease). */
    public static Set<DeliveryState> releasableByOperator() {
        return matching(s -> s.releasableByOperator(true));
    }

    /** Every claim state ({@link #isClaim()}): pending, then sending. */
    public static Set<DeliveryState> claims() {
        return matching(DeliveryState::isClaim);
    }

    /** Every state that blocks a new delivery. */
    public static Set<DeliveryState> blocking() {
        return matching(DeliveryState::blocksNewDelivery);
    }

    /** Every state a run may claim. */
    public static Set<DeliveryState> claimable() {
        return matching(DeliveryState::mayBeClaimed);
    }

    /** States over which a superseded record may be written: the same as may be claimed. */
    public static Set<DeliveryState> supersedable() {
        return claimable();
    }

    private static Set<DeliveryState> matching(Predicate<DeliveryState> p) {
        Set<DeliveryState> out = EnumSet.noneOf(DeliveryState.class);
        for (DeliveryState s : values()) if (p.test(s)) out.add(s);
        return out;
    }
}
