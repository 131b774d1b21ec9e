package io.licensenotify.adapter.persistence;

import io.licensenotify.domain.Delivery;
import io.licensenotify.domain.DeliveryKey;
import io.licensenotify.domain.DeliveryState;
import io.licensenotify.domain.Recorded;
import io.licensenotify.domain.Shard;
import io.licensenotify.domain.UncertainPolicy;
import io.licensenotify.ports.out.DeliveryLedger;
import io.licensenotify.ports.out.DeliveryRecord;
import io.licensenotify.ports.out.OperatorRelease;
import io.licensenotify.ports.out.StaleClaim;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The ledger of a database that has none yet, for a command that only reads (a dry run): read as empty rather than
 * the tables created, since such a command runs no DDL. Writing is never asked of it: a dry run claims, settles and
 * records nothing, so every write fails with {@link IllegalStateException}.
 */
public final class EmptyDeliveryLedger implements DeliveryLedger {
    @Override
    public Recorded recorded(UUID enterprise) {
        return Recorded.NOTHING;
    }

    @Override
    public Claim claim(Collection<Delivery> deliveries, Set<DeliveryKey> sendingNow, String runId) {
        throw writing();
    }

    @Override
    public Set<DeliveryKey> settle(Claim claim, Collection<DeliveryKey> keys, DeliveryState to, String detail) {
        throw writing();
    }

    @Override
    public Set<DeliveryKey> release(Claim claim, Collection<DeliveryKey> keys, String reason) {
        throw writing();
    }

    @Override
    public void recordSuperseded(Collection<Delivery> deliveries, String runId) {
        throw writing();
    }

    @Override
    public void recordArmed(Collection<Delivery> deliveries, String runId) {
        throw writing();
    }

    @Override
    public List<StaleClaim> sweepStaleClaims(Duration lease, UncertainPolicy policy, Shard shard) {
        throw writing();
    }

    @Override
    public List<StaleClaim> sweepStaleClaims(Duration lease, UncertainPolicy policy, Collection<UUID> enterprises) {
        throw writing();
    }

    @Override
    public List<DeliveryRecord> releaseByOperator(OperatorRelease release, boolean dryRun) {
        throw writing();
    }

    private static IllegalStateException writing() {
        return new IllegalStateException("there is no delivery ledger yet, and a dry run never creates one");
    }
}
