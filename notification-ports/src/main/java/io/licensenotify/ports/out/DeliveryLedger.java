package io.licensenotify.ports.out;

import io.licensenotify.domain.Delivery;
import io.licensenotify.domain.DeliveryKey;
import io.licensenotify.domain.DeliveryState;
import io.licensenotify.domain.Recorded;
import io.licensenotify.domain.Shard;
import io.licensenotify.domain.UncertainPolicy;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Remembers deliveries so that nothing is sent twice. The states and their transitions are
 * {@link DeliveryState}'s; this port stores them. A claim is atomic: of two overlapping runs (threads or
 * processes), exactly one wins each key, and a claim commits all its rows or none. A run settles only the claims it
 * holds (its {@link Claim#token()}). Times are the ledger's own clock (the database's), so the claim lease means the
 * same to every process. Every method takes many keys at once and is safe to call concurrently.
 */
public interface DeliveryLedger {
    /** Every key the ledger holds for one enterprise, with its state (the rules read which block, which are armed). */
    Recorded recorded(UUID enterprise);

    /**
     * {@link #recorded(UUID)} for several enterprises at once, with one statement where the ledger can: the run reads
     * a window of enterprises ahead of its workers. Every enterprise asked about is in the map (with
     * {@link Recorded#NOTHING} when the ledger holds nothing for it). A claim stays atomic whatever was read: what
     * another run did after this read makes that claim lose, never send twice.
     */
    default Map<UUID, Recorded> recorded(Collection<UUID> enterprises) {
        Map<UUID, Recorded> out = new HashMap<>();
        for (UUID enterprise : enterprises) out.put(enterprise, recorded(enterprise));
        return out;
    }

    /**
     * Records the deliveries as {@link DeliveryState#PENDING} (a new key, or one that {@link DeliveryState#mayBeClaimed()})
     * under a fresh claim token, all or nothing.
     *
     * @return the claim: its token and the keys this run won; a key held in another state, or won by another run,
     *         is not among them
     */
    default Claim claim(Collection<Delivery> deliveries, String runId) {
        return claim(deliveries, Set.of(), runId);
    }

    /**
     * {@link #claim(Collection, String)}, with the keys in {@code sendingNow} recorded as {@link DeliveryState#SENDING}
     * instead of pending, in the same statement: for the batch whose request leaves right after the claim, so that
     * marking it (one more statement) is not needed. A key of {@code sendingNow} is as uncertain, if the run dies
     * before settling it, as one marked separately; release it with {@link #settle} to {@link DeliveryState#FAILED}
     * if its request is not made after all.
     */
    Claim claim(Collection<Delivery> deliveries, Set<DeliveryKey> sendingNow, String runId);

    /**
     * {@link #claim(Collection, Set, String)} that also records {@code superseded}, the lower thresholds the claimed
     * ones supersede, as {@link #recordSuperseded} does, in the same statement where the ledger can: a run that stops
     * before the claim records neither, and the next run decides both again. The claim's {@link Claim#won()} holds
     * only keys of {@code deliveries}.
     */
    default Claim claim(Collection<Delivery> deliveries, Collection<Delivery> superseded, Set<DeliveryKey> sendingNow,
                        String runId) {
        recordSuperseded(superseded, runId);
        return claim(deliveries, sendingNow, runId);
    }

    /**
     * Moves keys of this claim to {@code to} with one statement per batch, if they are in a state
     * {@link DeliveryState#settlesFrom()} allows and still carry the claim's token: {@link DeliveryState#SENDING}
     * just before the request leaves; then {@link DeliveryState#SENT} ({@code detail} is the dispatch id),
     * {@link DeliveryState#FAILED} (definitely not sent; {@code detail} says why) or {@link DeliveryState#UNCERTAIN}.
     * All or nothing.
     *
     * @return the keys that were not moved because the claim no longer holds them (another run took them over after
     *         the lease); never overwritten
     */
    Set<DeliveryKey> settle(Claim claim, Collection<DeliveryKey> keys, DeliveryState to, String detail);

    /**
     * {@link #settle} for keys of several claims of one run: a request that packs deliveries of several enterprises
     * is marked and settled with one statement per batch where the ledger can, whatever claims its keys came in.
     * A key in none of the claims' {@link Claim#won()} is among those returned, never moved.
     */
    default Set<DeliveryKey> settleAcross(Collection<Claim> claims, Collection<DeliveryKey> keys, DeliveryState to,
                                          String detail) {
        return perClaim(claims, keys, (claim, mine) -> settle(claim, mine, to, detail));
    }

    /** {@link #release} for keys of several claims of one run, as {@link #settleAcross} does for settles. */
    default Set<DeliveryKey> releaseAcross(Collection<Claim> claims, Collection<DeliveryKey> keys, String reason) {
        return perClaim(claims, keys, (claim, mine) -> release(claim, mine, reason));
    }

    private static Set<DeliveryKey> perClaim(Collection<Claim> claims, Collection<DeliveryKey> keys,
                                             java.util.function.BiFunction<Claim, List<DeliveryKey>, Set<DeliveryKey>> move) {
        Set<DeliveryKey> left = new java.util.LinkedHashSet<>(keys);
        Set<DeliveryKey> notMoved = new java.util.HashSet<>();
        for (Claim claim : claims) {
            List<DeliveryKey> mine = left.stream().filter(claim.won()::contains).toList();
            if (mine.isEmpty()) continue;
            mine.forEach(left::remove);
            notMoved.addAll(move.apply(claim, mine));
        }
        notMoved.addAll(left);
        return notMoved;
    }

    /**
     * Gives back keys of this claim never marked as sending ({@link DeliveryState#releasable()}) as
     * {@link DeliveryState#FAILED}, certainly not sent, for a later run to send; a key marked meanwhile is left
     * alone. All or nothing.
     *
     * @return the keys that were not released (marked as sending, or no longer this claim's)
     */
    Set<DeliveryKey> release(Claim claim, Collection<DeliveryKey> keys, String reason);

    /** Records lower thresholds crossed together with a higher one, over a new or a claimable key. */
    void recordSuperseded(Collection<Delivery> deliveries, String runId);

    /**
     * Records re-armed thresholds (rule 7): each key, the first of its new generation, as {@link DeliveryState#ARMED}
     * unless the ledger holds it already (another run re-armed it first).
     */
    void recordArmed(Collection<Delivery> deliveries, String runId);

    /**
     * Settles every claim older than {@code lease} by the ledger's clock, as {@link DeliveryState#whenStale} says
     * under {@code policy}, taking it from the run that made it. Returns what it settled.
     */
    default List<StaleClaim> sweepStaleClaims(Duration lease, UncertainPolicy policy) {
        return sweepStaleClaims(lease, policy, Shard.ALL);
    }

    /**
     * As {@link #sweepStaleClaims(Duration, UncertainPolicy)}, only the claims of enterprises the shard
     * {@link Shard#contains holds}: a shard settles what a dead run of its own left, never another shard's claims.
     */
    List<StaleClaim> sweepStaleClaims(Duration lease, UncertainPolicy policy, Shard shard);

    /**
     * As {@link #sweepStaleClaims(Duration, UncertainPolicy)}, only the claims of these enterprises (none when empty):
     * a run for named enterprises (an embedded call, {@code send --enterprise}) settles what a dead run left of
     * theirs, and leaves any other enterprise's stale claim to the daily run (or shard) that owns it, whose report
     * and run-error email name it.
     */
    List<StaleClaim> sweepStaleClaims(Duration lease, UncertainPolicy policy, Collection<UUID> enterprises);

    /**
     * An operator's release ({@code license-notify release}, docs/operating.md): every row matching {@code release} whose state
     * {@link OperatorRelease#releases} (claims by their age under the lease, by the ledger's clock) becomes
     * {@link DeliveryState#FAILED} under a token no run holds, with when, by whom and why recorded in it; the next run
     * claims and sends it. All or nothing; a row that changed meanwhile is left alone.
     *
     * @param dryRun only tell which rows would be released; change nothing
     * @return the rows released (or that would be), as they were before, oldest claim first
     */
    List<DeliveryRecord> releaseByOperator(OperatorRelease release, boolean dryRun);

    /** One run's claim: the token its settles must show, and the keys it won. */
    record Claim(String runId, String token, Set<DeliveryKey> won) {
        public Claim {
            java.util.Objects.requireNonNull(token, "token");
            runId = runId == null ? "" : runId;
            won = Set.copyOf(won);
        }
    }
}
