package io.licensenotify.ports.out;

import io.licensenotify.domain.Admin;
import io.licensenotify.domain.Delivery;
import io.licensenotify.domain.DeliveryKey;
import io.licensenotify.domain.LicenseCounts;
import io.licensenotify.domain.Plan;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link DeliveryLedger} promises, whatever stores it. Each test works on enterprises of its own
 * (fresh uuids), so implementations need not empty their store between tests.
 */
public abstract class DeliveryLedgerContract {
    protected static final Instant T0 = Instant.parse("2024-03-01T02:00:00Z");

    /** The ledger under test. */
    protected abstract DeliveryLedger ledger();

    /** A second handle on the same store (another connection or process); the concurrency test claims through both. */
    protected DeliveryLedger otherLedger() {
        return ledger();
    }

    /** Rounds of the concurrent claim test. */
    protected int concurrentRounds() {
        return 30;
    }

    @Test
    public void claimWinsNewKeysAndNeverTheSameKeyTwice() {
        UUID enterprise = UUID.randomUUID();
        List<Delivery> deliveries = List.of(digest(1, enterprise, 0), digest(2, enterprise, 0), threshold(3, enterprise, 75));

        assertThat(ledger().claim(deliveries, "run-1", T0)).isEqualTo(keys(deliveries));
        assertThat(ledger().claim(deliveries, "run-2", T0.plusSeconds(60))).isEmpty();
    }

    @Test
    public void claimingNothingWinsNothing() {
        assertThat(ledger().claim(List.of(), "run-1", T0)).isEmpty();
    }

    @Test
    public void recordedHoldsEveryStateButFailedOfThatEnterpriseOnly() {
        UUID enterprise = UUID.randomUUID();
        Delivery pending = digest(1, enterprise, 0);
        Delivery sent = digest(2, enterprise, 0);
        Delivery failed = digest(3, enterprise, 0);
        Delivery uncertain = digest(4, enterprise, 0);
        Delivery superseded = threshold(5, enterprise, 75);
        Delivery elsewhere = digest(6, UUID.randomUUID(), 0);
        ledger().claim(List.of(pending, sent, failed, uncertain, elsewhere), "run-1", T0);
        ledger().markSent(List.of(sent.key()), "dispatch-1", T0);
        ledger().markFailed(List.of(failed.key()), "HTTP 400", T0);
        ledger().markUncertain(List.of(uncertain.key()), "read timeout", T0);
        ledger().recordSuperseded(List.of(superseded), "run-1", T0);

        assertThat(ledger().recorded(enterprise))
                .containsExactlyInAnyOrder(pending.key(), sent.key(), uncertain.key(), superseded.key());
    }

    @Test
    public void aFailedKeyIsClaimedAgainByALaterRun() {
        UUID enterprise = UUID.randomUUID();
        Delivery delivery = digest(1, enterprise, 0);
        ledger().claim(List.of(delivery), "run-1", T0);
        ledger().markFailed(List.of(delivery.key()), "HTTP 503", T0);

        assertThat(ledger().claim(List.of(delivery), "run-2", T0.plus(1, ChronoUnit.DAYS))).containsExactly(delivery.key());
        assertThat(ledger().claim(List.of(delivery), "run-3", T0.plus(1, ChronoUnit.DAYS))).isEmpty();
    }

    @Test
    public void sentSupersededAndUncertainKeysAreNeverClaimedAgain() {
        UUID enterprise = UUID.randomUUID();
        Delivery sent = digest(1, enterprise, 0);
        Delivery uncertain = digest(2, enterprise, 0);
        Delivery superseded = threshold(3, enterprise, 75);
        ledger().claim(List.of(sent, uncertain), "run-1", T0);
        ledger().markSent(List.of(sent.key()), "dispatch-1", T0);
        ledger().markUncertain(List.of(uncertain.key()), "read timeout", T0);
        ledger().recordSuperseded(List.of(superseded), "run-1", T0);

        assertThat(ledger().claim(List.of(sent, uncertain, superseded), "run-2", T0.plus(1, ChronoUnit.DAYS))).isEmpty();
    }

    @Test
    public void settlingChangesOnlyPendingKeys() {
        UUID enterprise = UUID.randomUUID();
        Delivery sent = digest(1, enterprise, 0);
        Delivery neverClaimed = digest(2, enterprise, 0);
        ledger().claim(List.of(sent), "run-1", T0);
        ledger().markSent(List.of(sent.key()), "dispatch-1", T0);

        ledger().markFailed(List.of(sent.key(), neverClaimed.key()), "late failure", T0);

        assertThat(ledger().recorded(enterprise)).containsExactly(sent.key());
        assertThat(ledger().claim(List.of(sent), "run-2", T0)).isEmpty();
    }

    @Test
    public void supersedingTurnsAFailedKeyButNeverAPendingOrSentOne() {
        UUID enterprise = UUID.randomUUID();
        Delivery failed = threshold(1, enterprise, 75);
        Delivery pending = threshold(2, enterprise, 75);
        Delivery sent = threshold(3, enterprise, 75);
        ledger().claim(List.of(failed, pending, sent), "run-1", T0);
        ledger().markFailed(List.of(failed.key()), "HTTP 503", T0);
        ledger().markSent(List.of(sent.key()), "dispatch-1", T0);

        ledger().recordSuperseded(List.of(failed, pending, sent), "run-2", T0);

        assertThat(ledger().claim(List.of(failed), "run-3", T0)).isEmpty();
        ledger().markSent(List.of(pending.key()), "dispatch-2", T0);
        assertThat(ledger().recorded(enterprise)).containsExactlyInAnyOrder(failed.key(), pending.key(), sent.key());
    }

    @Test
    public void sweepUnderSkipMakesStaleClaimsUncertainAndLeavesFreshOnes() {
        UUID enterprise = UUID.randomUUID();
        Delivery stale = digest(1, enterprise, 0);
        Delivery fresh = digest(2, enterprise, 0);
        Delivery settled = digest(3, enterprise, 0);
        ledger().claim(List.of(stale, settled), "dead-run", T0);
        ledger().markSent(List.of(settled.key()), "dispatch-1", T0);
        ledger().claim(List.of(fresh), "live-run", T0.plus(2, ChronoUnit.HOURS));

        List<StaleClaim> swept = ours(ledger().sweepStaleClaims(T0.plus(1, ChronoUnit.HOURS), UncertainPolicy.SKIP,
                T0.plus(2, ChronoUnit.HOURS)), enterprise);

        assertThat(swept).containsExactly(new StaleClaim(stale.key(), "dead-run", T0));
        assertThat(ours(ledger().sweepStaleClaims(T0.plus(1, ChronoUnit.HOURS), UncertainPolicy.SKIP,
                T0.plus(2, ChronoUnit.HOURS)), enterprise)).isEmpty();
        assertThat(ledger().claim(List.of(stale), "next-run", T0.plus(1, ChronoUnit.DAYS))).isEmpty();
        assertThat(ledger().recorded(enterprise)).contains(stale.key(), fresh.key());
        // a late settle of the swept claim by the dead run changes nothing: it is no longer pending
        ledger().markFailed(List.of(stale.key()), "late", T0.plus(3, ChronoUnit.HOURS));
        assertThat(ledger().recorded(enterprise)).contains(stale.key());
    }

    @Test
    public void sweepUnderResendReleasesStaleClaimsToBeSentAgain() {
        UUID enterprise = UUID.randomUUID();
        Delivery stale = digest(1, enterprise, 0);
        ledger().claim(List.of(stale), "dead-run", T0);

        List<StaleClaim> swept = ours(ledger().sweepStaleClaims(T0.plus(1, ChronoUnit.HOURS), UncertainPolicy.RESEND,
                T0.plus(2, ChronoUnit.HOURS)), enterprise);

        assertThat(swept).containsExactly(new StaleClaim(stale.key(), "dead-run", T0));
        assertThat(ledger().recorded(enterprise)).isEmpty();
        assertThat(ledger().claim(List.of(stale), "next-run", T0.plus(2, ChronoUnit.HOURS))).containsExactly(stale.key());
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

                List<Set<DeliveryKey>> won = claimTogether(pool, first, second);
                assertOnceEach(won, keys(all));

                // the same race on keys that failed and are claimed back
                ledger().markFailed(keys(all), "HTTP 503", T0);
                assertOnceEach(claimTogether(pool, first, second), keys(all));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private List<Set<DeliveryKey>> claimTogether(ExecutorService pool, List<Delivery> first, List<Delivery> second)
            throws Exception {
        CyclicBarrier start = new CyclicBarrier(2);
        Future<Set<DeliveryKey>> a = pool.submit(() -> {
            start.await(10, TimeUnit.SECONDS);
            return ledger().claim(first, "run-a", T0);
        });
        Future<Set<DeliveryKey>> b = pool.submit(() -> {
            start.await(10, TimeUnit.SECONDS);
            return otherLedger().claim(second, "run-b", T0);
        });
        return List.of(a.get(60, TimeUnit.SECONDS), b.get(60, TimeUnit.SECONDS));
    }

    private static void assertOnceEach(List<Set<DeliveryKey>> won, Set<DeliveryKey> all) {
        Set<DeliveryKey> both = new HashSet<>(won.get(0));
        both.retainAll(won.get(1));
        assertThat(both).as("keys won by both runs").isEmpty();
        Set<DeliveryKey> union = new HashSet<>(won.get(0));
        union.addAll(won.get(1));
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

    protected static Delivery digest(long ecuId, UUID enterprise, long week) {
        return new Delivery(DeliveryKey.weeklyDigest(ecuId, enterprise, week), admin(ecuId), plan());
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
