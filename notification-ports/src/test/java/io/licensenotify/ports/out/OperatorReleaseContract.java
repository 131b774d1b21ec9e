package io.licensenotify.ports.out;

import io.licensenotify.domain.Delivery;
import io.licensenotify.domain.DeliveryKey;
import io.licensenotify.domain.DeliveryState;
import io.licensenotify.domain.NotificationKind;
import io.licensenotify.ports.out.DeliveryLedger.Claim;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static io.licensenotify.domain.DeliveryState.FAILED;
import static io.licensenotify.domain.DeliveryState.PENDING;
import static io.licensenotify.domain.DeliveryState.SENDING;
import static io.licensenotify.domain.DeliveryState.SENT;
import static io.licensenotify.domain.DeliveryState.SUPERSEDED;
import static io.licensenotify.domain.DeliveryState.UNCERTAIN;
import static io.licensenotify.ports.out.DeliveryLedgerContract.digest;
import static io.licensenotify.ports.out.DeliveryLedgerContract.threshold;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link DeliveryLedger} promises about an operator's release ({@code license-notify release}): the
 * transition {@link DeliveryState#releasableByOperator} allows, recorded with when, who and why, and a released
 * delivery claimed again by the next run. Each test works on enterprises of its own.
 */
public abstract class OperatorReleaseContract {
    protected static final Duration LEASE = Duration.ofHours(1);

    protected abstract DeliveryLedger ledger();

    /** The same store's read side: what {@code history} shows. */
    protected abstract DeliveryHistory history();

    /** Makes the claims of these keys look {@code by} older by the ledger's clock. */
    protected abstract void backdate(Collection<DeliveryKey> keys, Duration by);

    @Test
    public void anUncertainDeliveryIsReleasedWithWhenWhoAndWhyAndTheNextRunClaimsIt() {
        UUID enterprise = UUID.randomUUID();
        Delivery uncertain = digest(1, enterprise, 0);
        Delivery sent = digest(2, enterprise, 0);
        Delivery superseded = threshold(3, enterprise, 75);
        Delivery failed = digest(4, enterprise, 0);
        Claim claim = ledger().claim(List.of(uncertain, sent, failed), "run-1");
        ledger().settle(claim, DeliveryLedgerContract.keys(List.of(uncertain, sent, failed)), SENDING, null);
        ledger().settle(claim, List.of(uncertain.key()), UNCERTAIN, "read timeout");
        ledger().settle(claim, List.of(sent.key()), SENT, "dispatch-1");
        ledger().settle(claim, List.of(failed.key()), FAILED, "HTTP 503");
        ledger().recordSuperseded(List.of(superseded), "run-1");

        List<DeliveryRecord> released = ledger().releaseByOperator(release(Set.of(UNCERTAIN, PENDING, SENDING),
                Optional.of(enterprise), "Braze's logs show it never left"), false);

        assertThat(released).extracting(DeliveryRecord::key, DeliveryRecord::state)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(uncertain.key(), UNCERTAIN));
        DeliveryRecord row = row(uncertain.key());
        assertThat(row.state()).isEqualTo(FAILED);
        assertThat(row.released()).hasValueSatisfying(r -> {
            assertThat(r.by()).isEqualTo("ops-alice");
            assertThat(r.reason()).isEqualTo("Braze's logs show it never left");
            assertThat(r.at()).isAfterOrEqualTo(row.claimedAt());
        });
        assertThat(row(sent.key()).state()).isEqualTo(SENT);
        assertThat(row(superseded.key()).state()).isEqualTo(SUPERSEDED);
        assertThat(row(failed.key()).released()).isEmpty();
        // the dead request's run cannot settle it any more; the next run claims it, and the release stays on record
        assertThat(ledger().settle(claim, List.of(uncertain.key()), SENT, "late")).containsExactly(uncertain.key());
        assertThat(ledger().claim(List.of(uncertain), "run-2").won()).containsExactly(uncertain.key());
        assertThat(row(uncertain.key()).released()).isPresent();
    }

    @Test
    public void claimsAreReleasedOnlyOnceOlderThanTheLease() {
        UUID enterprise = UUID.randomUUID();
        Delivery stalePending = digest(1, enterprise, 0);
        Delivery staleSending = digest(2, enterprise, 0);
        Delivery freshPending = digest(3, enterprise, 0);
        Delivery freshSending = digest(4, enterprise, 0);
        Claim claim = ledger().claim(List.of(stalePending, staleSending, freshPending, freshSending), "run-1");
        ledger().settle(claim, List.of(staleSending.key(), freshSending.key()), SENDING, null);
        backdate(List.of(stalePending.key(), staleSending.key()), LEASE.plusMinutes(1));

        List<DeliveryRecord> released = ledger().releaseByOperator(release(Set.of(PENDING, SENDING),
                Optional.of(enterprise), "the run was killed"), false);

        assertThat(released).extracting(DeliveryRecord::key)
                .containsExactlyInAnyOrder(stalePending.key(), staleSending.key());
        assertThat(row(stalePending.key()).state()).isEqualTo(FAILED);
        assertThat(row(staleSending.key()).state()).isEqualTo(FAILED);
        assertThat(row(freshPending.key()).state()).isEqualTo(PENDING);
        assertThat(row(freshSending.key()).state()).isEqualTo(SENDING);
        // the live run still settles its own fresh claim
        assertThat(ledger().settle(claim, List.of(freshSending.key()), SENT, "d-1")).isEmpty();
    }

    @Test
    public void onlyTheNamedStatesAdminAndKindAreReleased() {
        UUID enterprise = UUID.randomUUID();
        Delivery digestOfOne = digest(1, enterprise, 0);
        Delivery thresholdOfOne = threshold(1, enterprise, 75);
        Delivery digestOfTwo = digest(2, enterprise, 0);
        Delivery stale = digest(3, enterprise, 0);
        Delivery elsewhere = digest(1, UUID.randomUUID(), 0);
        List<Delivery> uncertain = List.of(digestOfOne, thresholdOfOne, digestOfTwo, elsewhere);
        Claim claim = ledger().claim(List.of(digestOfOne, thresholdOfOne, digestOfTwo, elsewhere, stale), "run-1");
        ledger().settle(claim, DeliveryLedgerContract.keys(uncertain), SENDING, null);
        ledger().settle(claim, DeliveryLedgerContract.keys(uncertain), UNCERTAIN, "timeout");
        backdate(List.of(stale.key()), LEASE.plusMinutes(1));

        List<DeliveryRecord> released = ledger().releaseByOperator(new OperatorRelease(Set.of(UNCERTAIN),
                Optional.of(enterprise), Optional.of(1L), Optional.of(NotificationKind.WEEKLY_DIGEST), LEASE,
                "ops-alice", "checked in Braze"), false);

        assertThat(released).extracting(DeliveryRecord::key).containsExactly(digestOfOne.key());
        assertThat(row(thresholdOfOne.key()).state()).isEqualTo(UNCERTAIN);
        assertThat(row(digestOfTwo.key()).state()).isEqualTo(UNCERTAIN);
        assertThat(row(elsewhere.key()).state()).isEqualTo(UNCERTAIN);
        assertThat(row(stale.key()).state()).as("PENDING was not named").isEqualTo(PENDING);
    }

    @Test
    public void aDryRunTellsWhatWouldBeReleasedAndChangesNothing() {
        UUID enterprise = UUID.randomUUID();
        Delivery uncertain = digest(1, enterprise, 0);
        Claim claim = ledger().claim(List.of(uncertain), "run-1");
        ledger().settle(claim, List.of(uncertain.key()), SENDING, null);
        ledger().settle(claim, List.of(uncertain.key()), UNCERTAIN, "timeout");

        List<DeliveryRecord> wouldBe = ledger().releaseByOperator(release(Set.of(UNCERTAIN), Optional.of(enterprise),
                "just looking"), true);

        assertThat(wouldBe).extracting(DeliveryRecord::key).containsExactly(uncertain.key());
        assertThat(row(uncertain.key()).state()).isEqualTo(UNCERTAIN);
        assertThat(row(uncertain.key()).released()).isEmpty();
        assertThat(ledger().claim(List.of(uncertain), "run-2").won()).isEmpty();
    }

    private static OperatorRelease release(Set<DeliveryState> states, Optional<UUID> enterprise, String reason) {
        return new OperatorRelease(states, enterprise, Optional.empty(), Optional.empty(), LEASE, "ops-alice", reason);
    }

    private DeliveryRecord row(DeliveryKey key) {
        return history().find(new HistoryQuery(Optional.of(key.enterprise()), Optional.of(key.ecuId()),
                        Optional.of(key.kind()), Optional.empty(), 0, 100)).stream()
                .filter(r -> r.key().equals(key)).findFirst().orElseThrow(() -> new AssertionError("no row " + key));
    }
}
