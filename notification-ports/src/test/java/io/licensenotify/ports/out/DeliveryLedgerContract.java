package io.licensenotify.ports.out;

import io.licensenotify.domain.Admin;
import io.licensenotify.domain.Delivery;
import io.licensenotify.domain.DeliveryKey;
import io.licensenotify.domain.DeliveryState;
import io.licensenotify.domain.LicenseCounts;
import io.licensenotify.domain.Plan;
import io.licensenotify.domain.Recorded;
import io.licensenotify.domain.Shard;
import io.licensenotify.domain.UncertainPolicy;
import io.licensenotify.ports.out.DeliveryLedger.Claim;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.licensenotify.domain.DeliveryState.FAILED;
import static io.licensenotify.domain.DeliveryState.PENDING;
import static io.licensenotify.domain.DeliveryState.SENDING;
import static io.licensenotify.domain.DeliveryState.SENT;
import static io.licensenotify.domain.DeliveryState.UNCERTAIN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link DeliveryLedger} promises, whatever stores it: every transition of {@link DeliveryState}, the
 * claim token, the lease. Each test works on enterprises of its own (fresh uuids), so implementations need not
 * empty their store between tests.
 */
public abstract class DeliveryLedgerContract {
    protected static final Duration LEASE = Duration.ofHours(1);

    /** The ledger under test. */
    protected abstract DeliveryLedger ledger();

    /** A second handle on the same store (another connection or process); the concurrency test claims through both. */
    protected DeliveryLedger otherLedger() {
        return ledger();
    }

    /** Makes the claims of these keys look {@code by} older by the ledger's clock. */
    protected abstract void backdate(Collection<DeliveryKey> keys, Duration by);

    /** The state of one key, empty when the ledger does not hold it. */
    protected abstract Optional<DeliveryState> stateOf(DeliveryKey key);

    /** Rounds of the concurrent claim test. */
    protected int concurrentRounds() {
        return 30;
    }

    @Test
    public void claimWinsNewKeysAndNeverTheSameKeyTwice() {
        UUID enterprise = UUID.randomUUID();
        List<Delivery> deliveries = List.of(digest(1, enterprise, 0), digest(2, enterprise, 0), threshold(3, enterprise, 75));

        Claim first = ledger().claim(deliveries, "run-1");

        assertThat(first.won()).isEqualTo(keys(deliveries));
        assertThat(ledger().claim(deliveries, "run-2").won()).isEmpty();
        assertThat(stateOf(deliveries.get(0).key())).contains(PENDING);
    }

    @Test
    public void claimingNothingWinsNothing() {
        assertThat(ledger().claim(List.of(), "run-1").won()).isEmpty();
    }

    @Test
    public void recordedHoldsEveryStateButFailedOfThatEnterpriseOnly() {
        UUID enterprise = UUID.randomUUID();
        Delivery pending = digest(1, enterprise, 0);
        Delivery sent = digest(2, enterprise, 0);
        Delivery failed = digest(3, enterprise, 0);
        Delivery uncertain = digest(4, enterprise, 0);
        Delivery superseded = threshold(5, enterprise, 75);
        Delivery sending = digest(7, enterprise, 0);
        Delivery elsewhere = digest(6, UUID.randomUUID(), 0);
        Claim claim = ledger().claim(List.of(pending, sent, failed, uncertain, sending, elsewhere), "run-1");
        ledger().settle(claim, keys(List.of(sent, failed, uncertain, sending)), SENDING, null);
        ledger().settle(claim, List.of(sent.key()), SENT, "dispatch-1");
        ledger().settle(claim, List.of(failed.key()), FAILED, "HTTP 400");
        ledger().settle(claim, List.of(uncertain.key()), UNCERTAIN, "read timeout");
        ledger().recordSuperseded(List.of(superseded), "run-1");

        assertThat(ledger().recorded(enterprise).blockingKeys()).containsExactlyInAnyOrder(
                pending.key(), sending.key(), sent.key(), uncertain.key(), superseded.key());
    }

    @Test
    public void recordedTellsEveryKeyOfTheEnterpriseWithItsState() {
        UUID enterprise = UUID.randomUUID();
        Delivery failed = digest(1, enterprise, 0);
        Delivery armed = threshold(2, enterprise, 75);
        Claim claim = ledger().claim(List.of(failed), "run-1");
        ledger().release(claim, List.of(failed.key()), "stopped");
        ledger().recordArmed(List.of(armed), "run-1");

        assertThat(ledger().recorded(enterprise).states())
                .containsOnly(org.assertj.core.api.Assertions.entry(failed.key(), FAILED),
                        org.assertj.core.api.Assertions.entry(armed.key(), DeliveryState.ARMED));
    }

    @Test
    public void recordedOfSeveralEnterprisesIsEachEnterprisesOwnAndNothingForOneWithoutRows() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        UUID none = UUID.randomUUID();
        Delivery ofA = digest(1, a, 0);
        Delivery ofB = threshold(1, b, 75);
        Delivery alsoOfB = digest(2, b, 0);
        Claim claim = ledger().claim(List.of(ofA, ofB, alsoOfB), "run-1");
        ledger().release(claim, List.of(alsoOfB.key()), "stopped");

        Map<UUID, Recorded> window = ledger().recorded(List.of(a, b, none));

        assertThat(window).containsOnlyKeys(a, b, none);
        assertThat(window.get(a).states()).containsOnly(org.assertj.core.api.Assertions.entry(ofA.key(), PENDING));
        assertThat(window.get(b).states()).containsOnly(org.assertj.core.api.Assertions.entry(ofB.key(), PENDING),
                org.assertj.core.api.Assertions.entry(alsoOfB.key(), FAILED));
        assertThat(window.get(none).states()).isEmpty();
        assertThat(window.get(b)).isEqualTo(ledger().recorded(b));
    }

    @Test
    public void aClaimMarksTheKeysWhoseRequestLeavesAtOnceAsSendingAndTheRestPending() {
        UUID enterprise = UUID.randomUUID();
        Delivery first = digest(1, enterprise, 0);
        Delivery later = threshold(1, enterprise, 75);
        Delivery retried = digest(2, enterprise, 0);
        failedEarlier(retried); // claimable again, by an update

        Claim claim = ledger().claim(List.of(first, later, retried), Set.of(first.key(), retried.key()), "run-1");

        assertThat(claim.won()).containsExactlyInAnyOrder(first.key(), later.key(), retried.key());
        assertThat(stateOf(first.key())).contains(SENDING);
        assertThat(stateOf(retried.key())).contains(SENDING);
        assertThat(stateOf(later.key())).contains(PENDING);
        assertThat(ledger().release(claim, List.of(first.key()), "stopping")).as("marked: never released")
                .containsExactly(first.key());
        assertThat(ledger().settle(claim, List.of(first.key(), retried.key()), SENT, "dispatch-1")).isEmpty();
        assertThat(ledger().claim(List.of(first), Set.of(first.key()), "run-2").won()).isEmpty();
        assertThat(stateOf(first.key())).contains(SENT);
    }

    @Test
    public void anArmedKeyIsClaimedOnceAndReArmingAKeyTheLedgerHoldsChangesNothing() {
        UUID enterprise = UUID.randomUUID();
        Delivery armed = new Delivery(DeliveryKey.threshold(1, enterprise, 75, PLAN, 1), admin(1), plan());
        ledger().recordArmed(List.of(armed), "run-1");
        ledger().recordArmed(List.of(armed), "run-2"); // another run re-armed it too

        Claim claim = ledger().claim(List.of(armed), "run-3");
        assertThat(claim.won()).containsExactly(armed.key());
        ledger().settle(claim, List.of(armed.key()), SENDING, null);
        ledger().settle(claim, List.of(armed.key()), SENT, "d-1");
        ledger().recordArmed(List.of(armed), "run-4");

        assertThat(stateOf(armed.key())).contains(SENT);
        assertThat(ledger().claim(List.of(armed), "run-5").won()).isEmpty();
    }

    @Test
    public void anArmedKeyMayBeSupersededWithinItsGeneration() {
        UUID enterprise = UUID.randomUUID();
        Delivery armed = new Delivery(DeliveryKey.threshold(1, enterprise, 75, PLAN, 2), admin(1), plan());
        ledger().recordArmed(List.of(armed), "run-1");

        ledger().recordSuperseded(List.of(armed), "run-2");

        assertThat(stateOf(armed.key())).contains(DeliveryState.SUPERSEDED);
    }

    @Test
    public void aFailedKeyIsClaimedAgainByALaterRun() {
        UUID enterprise = UUID.randomUUID();
        Delivery delivery = digest(1, enterprise, 0);
        Claim claim = ledger().claim(List.of(delivery), "run-1");
        ledger().settle(claim, List.of(delivery.key()), SENDING, null);
        ledger().settle(claim, List.of(delivery.key()), FAILED, "HTTP 503");

        assertThat(ledger().claim(List.of(delivery), "run-2").won()).containsExactly(delivery.key());
        assertThat(ledger().claim(List.of(delivery), "run-3").won()).isEmpty();
    }

    @Test
    public void aClaimReleasedBeforeItsSendIsClaimedAgain() {
        UUID enterprise = UUID.randomUUID();
        Delivery delivery = digest(1, enterprise, 0);
        Claim claim = ledger().claim(List.of(delivery), "run-1");

        assertThat(ledger().release(claim, List.of(delivery.key()), "stopped before sending")).isEmpty();

        assertThat(stateOf(delivery.key())).contains(FAILED);
        assertThat(ledger().claim(List.of(delivery), "run-2").won()).containsExactly(delivery.key());
    }

    @Test
    public void aClaimMarkedAsSendingIsNeverReleasedAndAnUnmarkedOneNeverFailed() {
        UUID enterprise = UUID.randomUUID();
        Delivery marked = digest(1, enterprise, 0);
        Delivery unmarked = digest(2, enterprise, 0);
        Delivery untouched = digest(3, enterprise, 0);
        Claim claim = ledger().claim(List.of(marked, unmarked, untouched), "run-1");
        ledger().settle(claim, List.of(marked.key()), SENDING, null);

        assertThat(ledger().release(claim, keys(List.of(marked, unmarked)), "stopping")).containsExactly(marked.key());
        assertThat(ledger().settle(claim, List.of(untouched.key()), FAILED, "HTTP 400")).containsExactly(untouched.key());

        assertThat(stateOf(marked.key())).contains(SENDING);
        assertThat(stateOf(unmarked.key())).contains(FAILED);
        assertThat(stateOf(untouched.key())).contains(PENDING);
    }

    @Test
    public void sentSupersededUncertainAndClaimedKeysAreNeverClaimedAgain() {
        UUID enterprise = UUID.randomUUID();
        Delivery sent = digest(1, enterprise, 0);
        Delivery uncertain = digest(2, enterprise, 0);
        Delivery superseded = threshold(3, enterprise, 75);
        Delivery pending = digest(4, enterprise, 0);
        Delivery sending = digest(5, enterprise, 0);
        Claim claim = ledger().claim(List.of(sent, uncertain, pending, sending), "run-1");
        ledger().settle(claim, keys(List.of(sent, uncertain, sending)), SENDING, null);
        ledger().settle(claim, List.of(sent.key()), SENT, "dispatch-1");
        ledger().settle(claim, List.of(uncertain.key()), UNCERTAIN, "read timeout");
        ledger().recordSuperseded(List.of(superseded), "run-1");

        assertThat(ledger().claim(List.of(sent, uncertain, superseded, pending, sending), "run-2").won()).isEmpty();
    }

    @Test
    public void onlyAClaimMarkedAsSendingIsSettledAsSentOrUncertain() {
        UUID enterprise = UUID.randomUUID();
        Delivery delivery = digest(1, enterprise, 0);
        Claim claim = ledger().claim(List.of(delivery), "run-1");

        assertThat(ledger().settle(claim, List.of(delivery.key()), SENT, "dispatch-1")).containsExactly(delivery.key());
        assertThat(ledger().settle(claim, List.of(delivery.key()), UNCERTAIN, "timeout")).containsExactly(delivery.key());
        assertThat(stateOf(delivery.key())).contains(PENDING);

        assertThat(ledger().settle(claim, List.of(delivery.key()), SENDING, null)).isEmpty();
        assertThat(ledger().settle(claim, List.of(delivery.key()), SENT, "dispatch-1")).isEmpty();
        assertThat(stateOf(delivery.key())).contains(SENT);
    }

    @Test
    public void aSettledKeyIsNeverSettledAgain() {
        UUID enterprise = UUID.randomUUID();
        Delivery sent = digest(1, enterprise, 0);
        Delivery neverClaimed = digest(2, enterprise, 0);
        Claim claim = ledger().claim(List.of(sent), "run-1");
        ledger().settle(claim, List.of(sent.key()), SENDING, null);
        ledger().settle(claim, List.of(sent.key()), SENT, "dispatch-1");

        assertThat(ledger().settle(claim, List.of(sent.key(), neverClaimed.key()), FAILED, "late failure"))
                .containsExactlyInAnyOrder(sent.key(), neverClaimed.key());

        assertThat(ledger().recorded(enterprise).blockingKeys()).containsExactly(sent.key());
        assertThat(stateOf(neverClaimed.key())).isEmpty();
    }

    @Test
    public void aRunSettlesOnlyTheClaimsItHolds() {
        UUID enterprise = UUID.randomUUID();
        Delivery mine = digest(1, enterprise, 0);
        Delivery theirs = digest(2, enterprise, 0);
        Claim myClaim = ledger().claim(List.of(mine), "run-1");
        Claim theirClaim = otherLedger().claim(List.of(theirs), "run-2");
        Claim forged = new Claim("run-1", myClaim.token(), Set.of(theirs.key()));

        assertThat(ledger().settle(forged, List.of(theirs.key()), SENDING, null)).containsExactly(theirs.key());
        assertThat(ledger().settle(theirClaim, List.of(mine.key()), FAILED, "not mine")).containsExactly(mine.key());

        assertThat(stateOf(mine.key())).contains(PENDING);
        assertThat(stateOf(theirs.key())).contains(PENDING);
    }

    @Test
    public void aRequestPackingSeveralEnterprisesIsMarkedSettledAndReleasedAcrossTheirClaims() {
        UUID a = UUID.randomUUID(), b = UUID.randomUUID(), c = UUID.randomUUID();
        Delivery a1 = digest(1, a, 0), a2 = digest(2, a, 0), b1 = digest(3, b, 0), c1 = digest(4, c, 0),
                c2 = digest(5, c, 0), theirs = digest(6, c, 0);
        Claim ofA = ledger().claim(List.of(a1, a2), "run-1");
        Claim ofB = ledger().claim(List.of(b1), "run-1");
        Claim ofC = ledger().claim(List.of(c1, c2), "run-1");
        otherLedger().claim(List.of(theirs), "run-2");
        List<Claim> mine = List.of(ofA, ofB, ofC);

        // one request: a1, a2, b1, c1 and a key another run holds
        assertThat(ledger().settleAcross(mine, List.of(a1.key(), a2.key(), b1.key(), c1.key(), theirs.key()),
                SENDING, null)).containsExactly(theirs.key());
        assertThat(List.of(a1, a2, b1, c1)).allSatisfy(d -> assertThat(stateOf(d.key())).contains(SENDING));
        assertThat(stateOf(c2.key())).contains(PENDING);
        assertThat(stateOf(theirs.key())).contains(PENDING);

        // the stop releases what was never marked, and leaves a marked one alone
        assertThat(ledger().releaseAcross(mine, List.of(c2.key(), a1.key()), "stopped")).containsExactly(a1.key());
        assertThat(stateOf(c2.key())).contains(FAILED);

        assertThat(ledger().settleAcross(mine, List.of(a1.key(), a2.key(), b1.key()), SENT, "dispatch-9")).isEmpty();
        assertThat(ledger().settleAcross(List.of(ofC), List.of(c1.key()), UNCERTAIN, "timeout")).isEmpty();
        assertThat(List.of(a1, a2, b1)).allSatisfy(d -> assertThat(stateOf(d.key())).contains(SENT));
        assertThat(stateOf(c1.key())).contains(UNCERTAIN);
        // a claim of this run that does not hold the key settles nothing
        assertThat(ledger().settleAcross(List.of(ofA), List.of(c2.key()), SENDING, null)).containsExactly(c2.key());
    }

    @Test
    public void supersedingTurnsAFailedKeyButNeverAClaimedOrSentOne() {
        UUID enterprise = UUID.randomUUID();
        Delivery failed = threshold(1, enterprise, 75);
        Delivery pending = threshold(2, enterprise, 75);
        Delivery sent = threshold(3, enterprise, 75);
        Claim claim = ledger().claim(List.of(failed, pending, sent), "run-1");
        ledger().settle(claim, keys(List.of(failed, sent)), SENDING, null);
        ledger().settle(claim, List.of(failed.key()), FAILED, "HTTP 503");
        ledger().settle(claim, List.of(sent.key()), SENT, "dispatch-1");

        ledger().recordSuperseded(List.of(failed, pending, sent), "run-2");

        assertThat(stateOf(failed.key())).contains(DeliveryState.SUPERSEDED);
        assertThat(stateOf(pending.key())).contains(PENDING);
        assertThat(stateOf(sent.key())).contains(SENT);
        assertThat(ledger().claim(List.of(failed), "run-3").won()).isEmpty();
    }

    @Test
    public void aClaimRecordsTheThresholdsItsDeliveriesSupersedeAndWinsOnlyItsDeliveries() {
        UUID enterprise = UUID.randomUUID();
        List<Delivery> top = List.of(threshold(1, enterprise, 100), threshold(2, enterprise, 100), digest(2, enterprise, 0));
        List<Delivery> lower = List.of(threshold(1, enterprise, 75), threshold(2, enterprise, 75));

        Claim claim = ledger().claim(top, lower, Set.of(top.get(0).key(), top.get(1).key()), "run-1");

        assertThat(claim.won()).isEqualTo(keys(top));
        assertThat(stateOf(top.get(0).key())).contains(SENDING);
        assertThat(stateOf(top.get(2).key())).contains(PENDING);
        for (Delivery d : lower) assertThat(stateOf(d.key())).as("" + d.key()).contains(DeliveryState.SUPERSEDED);
        assertThat(ledger().settle(claim, keys(top.subList(0, 2)), SENT, "dispatch-1")).as("nothing lost").isEmpty();
        assertThat(ledger().recorded(enterprise).blockingKeys()).containsExactlyInAnyOrderElementsOf(
                keys(List.of(top.get(0), top.get(1), top.get(2), lower.get(0), lower.get(1))));
    }

    /** The delivery as an earlier run left it when stopped before its request: failed, certainly not sent. */
    private void failedEarlier(Delivery delivery) {
        Claim earlier = ledger().claim(List.of(delivery), "run-0");
        ledger().release(earlier, List.of(delivery.key()), "stopped");
    }

    @Test
    public void aClaimThatSupersedesTurnsAFailedKeyButNeverAnotherRunsClaim() {
        UUID enterprise = UUID.randomUUID();
        Delivery failed = threshold(1, enterprise, 75);
        Delivery othersLower = threshold(2, enterprise, 75);
        Delivery othersTop = threshold(2, enterprise, 100);
        failedEarlier(failed);
        ledger().claim(List.of(othersLower, othersTop), "run-other");
        List<Delivery> top = List.of(threshold(1, enterprise, 100), othersTop);

        Claim claim = ledger().claim(top, List.of(failed, othersLower), Set.copyOf(keys(top)), "run-1");

        assertThat(claim.won()).containsExactly(top.get(0).key());
        assertThat(stateOf(failed.key())).contains(DeliveryState.SUPERSEDED);
        assertThat(stateOf(othersLower.key())).as("another run's claim").contains(PENDING);
        assertThat(stateOf(othersTop.key())).contains(PENDING);
        assertThat(stateOf(top.get(0).key())).contains(SENDING);
    }

    @Test
    public void sweepReleasesAStaleClaimNeverMarkedAsSendingUnderEitherPolicy() {
        for (UncertainPolicy policy : UncertainPolicy.values()) {
            UUID enterprise = UUID.randomUUID();
            Delivery stale = digest(1, enterprise, 0);
            Claim dead = ledger().claim(List.of(stale), "dead-run");
            backdate(List.of(stale.key()), LEASE.plusMinutes(1));

            List<StaleClaim> swept = ours(ledger().sweepStaleClaims(LEASE, policy), enterprise);

            assertThat(swept).as(policy.name()).singleElement().satisfies(c -> {
                assertThat(c.key()).isEqualTo(stale.key());
                assertThat(c.runId()).isEqualTo("dead-run");
                assertThat(c.was()).isEqualTo(PENDING);
                assertThat(c.becomes()).isEqualTo(FAILED);
            });
            assertThat(ledger().recorded(enterprise).blockingKeys()).as(policy.name()).isEmpty();
            assertThat(ledger().claim(List.of(stale), "next-run").won()).as(policy.name()).containsExactly(stale.key());
            // the dead run, waking up, cannot mark the new run's claim as sending
            assertThat(ledger().settle(dead, List.of(stale.key()), SENDING, null)).containsExactly(stale.key());
        }
    }

    @Test
    public void sweepUnderSkipMakesAStaleClaimMarkedAsSendingUncertainAndLeavesFreshOnes() {
        UUID enterprise = UUID.randomUUID();
        Delivery stale = digest(1, enterprise, 0);
        Delivery fresh = digest(2, enterprise, 0);
        Delivery settled = digest(3, enterprise, 0);
        Claim dead = ledger().claim(List.of(stale, settled), "dead-run");
        ledger().settle(dead, keys(List.of(stale, settled)), SENDING, null);
        ledger().settle(dead, List.of(settled.key()), SENT, "dispatch-1");
        backdate(keys(List.of(stale, settled)), LEASE.plusMinutes(1));
        ledger().claim(List.of(fresh), "live-run");

        List<StaleClaim> swept = ours(ledger().sweepStaleClaims(LEASE, UncertainPolicy.SKIP), enterprise);

        assertThat(swept).extracting(StaleClaim::key, StaleClaim::was, StaleClaim::becomes)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(stale.key(), SENDING, UNCERTAIN));
        assertThat(ours(ledger().sweepStaleClaims(LEASE, UncertainPolicy.SKIP), enterprise)).isEmpty();
        assertThat(ledger().claim(List.of(stale), "next-run").won()).isEmpty();
        assertThat(stateOf(fresh.key())).contains(PENDING);
        // a late settle by the dead run changes nothing: the claim is no longer its own
        assertThat(ledger().settle(dead, List.of(stale.key()), SENT, "late")).containsExactly(stale.key());
        assertThat(stateOf(stale.key())).contains(UNCERTAIN);
    }

    @Test
    public void aShardSweepsOnlyTheStaleClaimsOfItsOwnEnterprises() {
        // random uuids, but the first 32 bits chosen: even in shard 0 of 2, odd in shard 1 of 2
        UUID even = new UUID((UUID.randomUUID().getMostSignificantBits() & 0x00000000FFFFFFFFL) | (2L << 32),
                UUID.randomUUID().getLeastSignificantBits());
        UUID odd = new UUID((UUID.randomUUID().getMostSignificantBits() & 0x00000000FFFFFFFFL) | (0xFFFFFFF1L << 32),
                UUID.randomUUID().getLeastSignificantBits());
        Shard first = new Shard(0, 2);
        Shard second = new Shard(1, 2);
        Delivery ofFirst = digest(1, even, 0);
        Delivery ofSecond = digest(1, odd, 0);
        ledger().claim(List.of(ofFirst, ofSecond), "dead-run");
        backdate(keys(List.of(ofFirst, ofSecond)), LEASE.plusMinutes(1));

        List<StaleClaim> byFirst = ledger().sweepStaleClaims(LEASE, UncertainPolicy.SKIP, first);

        assertThat(byFirst).extracting(c -> c.key().enterprise()).allMatch(first::contains).contains(even);
        assertThat(stateOf(ofFirst.key())).contains(FAILED);
        assertThat(stateOf(ofSecond.key())).contains(PENDING);
        assertThat(ours(ledger().sweepStaleClaims(LEASE, UncertainPolicy.SKIP, second), odd))
                .extracting(StaleClaim::key).containsExactly(ofSecond.key());
        assertThat(stateOf(ofSecond.key())).contains(FAILED);
    }

    @Test
    public void aSweepForNamedEnterprisesSettlesOnlyTheirStaleClaimsAndLeavesTheOthersForTheDailyRun() {
        UUID named = UUID.randomUUID();
        UUID alsoNamed = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        Delivery ofNamed = digest(1, named, 0);
        Delivery ofAlsoNamed = digest(2, alsoNamed, 0);
        Delivery ofOther = digest(1, other, 0);
        Claim dead = ledger().claim(List.of(ofNamed, ofAlsoNamed, ofOther), "dead-run");
        ledger().settle(dead, keys(List.of(ofNamed, ofAlsoNamed, ofOther)), SENDING, null);
        backdate(keys(List.of(ofNamed, ofAlsoNamed, ofOther)), LEASE.plusMinutes(1));

        List<StaleClaim> swept = ledger().sweepStaleClaims(LEASE, UncertainPolicy.SKIP, Set.of(named, alsoNamed));

        assertThat(swept).extracting(StaleClaim::key).containsExactlyInAnyOrder(ofNamed.key(), ofAlsoNamed.key());
        assertThat(stateOf(ofNamed.key())).contains(UNCERTAIN);
        assertThat(stateOf(ofOther.key())).as("another enterprise's claim is left as it was").contains(SENDING);
        assertThat(ledger().sweepStaleClaims(LEASE, UncertainPolicy.SKIP, Set.of())).as("no enterprise named").isEmpty();
        assertThat(ours(ledger().sweepStaleClaims(LEASE, UncertainPolicy.SKIP), other))
                .as("the daily run sweeps it and can name it")
                .extracting(StaleClaim::key, StaleClaim::becomes).containsExactly(org.assertj.core.groups.Tuple.tuple(ofOther.key(), UNCERTAIN));
    }

    @Test
    public void sweepUnderResendReleasesAStaleClaimMarkedAsSending() {
        UUID enterprise = UUID.randomUUID();
        Delivery stale = digest(1, enterprise, 0);
        Claim dead = ledger().claim(List.of(stale), "dead-run");
        ledger().settle(dead, List.of(stale.key()), SENDING, null);
        backdate(List.of(stale.key()), LEASE.plusMinutes(1));

        List<StaleClaim> swept = ours(ledger().sweepStaleClaims(LEASE, UncertainPolicy.RESEND), enterprise);

        assertThat(swept).extracting(StaleClaim::was, StaleClaim::becomes)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(SENDING, FAILED));
        assertThat(ledger().recorded(enterprise).blockingKeys()).isEmpty();
        Claim next = ledger().claim(List.of(stale), "next-run");
        assertThat(next.won()).containsExactly(stale.key());
        // two runs may now both have sent it (at least once); the slow one cannot overwrite the new claim
        assertThat(ledger().settle(dead, List.of(stale.key()), SENT, "dispatch-old")).containsExactly(stale.key());
        assertThat(ledger().settle(next, List.of(stale.key()), SENDING, null)).isEmpty();
    }

    @Test
    public void aSweepTellsWhichStaleClaimsWereMarkedAsSendingEvenWhenBothBecomeTheSame() {
        UUID enterprise = UUID.randomUUID();
        Delivery unmarked = digest(1, enterprise, 0);
        Delivery marked = digest(2, enterprise, 0);
        Claim dead = ledger().claim(List.of(unmarked, marked), "dead-run");
        ledger().settle(dead, List.of(marked.key()), SENDING, null);
        backdate(keys(List.of(unmarked, marked)), LEASE.plusMinutes(1));

        List<StaleClaim> swept = ours(ledger().sweepStaleClaims(LEASE, UncertainPolicy.RESEND), enterprise);

        assertThat(swept).extracting(StaleClaim::key, StaleClaim::was, StaleClaim::becomes).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(unmarked.key(), PENDING, FAILED),
                org.assertj.core.groups.Tuple.tuple(marked.key(), SENDING, FAILED));
    }

    @Test
    public void twoRunsClaimingOverlappingKeysAtOnceWinEachKeyExactlyOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < concurrentRounds(); round++) {
                UUID enterprise = UUID.randomUUID();
                List<Delivery> all = new ArrayList<>();
                for (int ecu = 1; ecu <= 40; ecu++) all.add(digest(ecu, enterprise, round));
                List<Delivery> first = new ArrayList<>(all.subList(0, 30));
                List<Delivery> second = new ArrayList<>(all.subList(10, 40));
                Collections.reverse(second);

                List<Claim> won = claimTogether(pool, first, second);
                assertOnceEach(won, keys(all));

                // the same race on keys that failed and are claimed back
                for (Claim c : won) ledger().release(c, c.won(), "HTTP 503");
                assertOnceEach(claimTogether(pool, first, second), keys(all));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private List<Claim> claimTogether(ExecutorService pool, List<Delivery> first, List<Delivery> second)
            throws Exception {
        CyclicBarrier start = new CyclicBarrier(2);
        Future<Claim> a = pool.submit(() -> {
            start.await(10, TimeUnit.SECONDS);
            return ledger().claim(first, "run-a");
        });
        Future<Claim> b = pool.submit(() -> {
            start.await(10, TimeUnit.SECONDS);
            return otherLedger().claim(second, "run-b");
        });
        return List.of(a.get(60, TimeUnit.SECONDS), b.get(60, TimeUnit.SECONDS));
    }

    private static void assertOnceEach(List<Claim> won, Set<DeliveryKey> all) {
        Set<DeliveryKey> both = new HashSet<>(won.get(0).won());
        both.retainAll(won.get(1).won());
        assertThat(both).as("keys won by both runs").isEmpty();
        Set<DeliveryKey> union = new HashSet<>(won.get(0).won());
        union.addAll(won.get(1).won());
        assertThat(union).as("keys won by either run").isEqualTo(all);
    }

    private static List<StaleClaim> ours(List<StaleClaim> swept, UUID enterprise) {
        return swept.stream().filter(c -> c.key().enterprise().equals(enterprise)).toList();
    }

    protected static Set<DeliveryKey> keys(List<Delivery> deliveries) {
        Set<DeliveryKey> keys = new HashSet<>();
        deliveries.forEach(d -> keys.add(d.key()));
        return keys;
    }

    protected static final UUID PLAN = UUID.fromString("7a1c3e52-0a4b-4c1e-9d0f-2b8f6c1d9e01");

    /** The digest of the {@code week}-th period from the week of 5 January 2026. */
    protected static Delivery digest(long ecuId, UUID enterprise, long week) {
        return new Delivery(DeliveryKey.weeklyDigest(ecuId, enterprise, java.time.LocalDate.of(2026, 1, 5).plusWeeks(week)),
                admin(ecuId), plan());
    }

    protected static Delivery threshold(long ecuId, UUID enterprise, int percent) {
        return new Delivery(DeliveryKey.threshold(ecuId, enterprise, percent, PLAN), admin(ecuId), plan());
    }

    protected static Admin admin(long ecuId) {
        return new Admin(ecuId, Optional.of(1000 + ecuId), "admin" + ecuId, "Admin", "admin" + ecuId + "@example.com",
                true, Instant.parse("2024-01-01T00:00:00Z"));
    }

    protected static Plan plan() {
        return new Plan(PLAN, "Plan", Instant.parse("2024-01-01T00:00:00Z"), Instant.parse("2025-01-01T00:00:00Z"),
                true, true, new LicenseCounts(10, 5, 5, 0));
    }
}
