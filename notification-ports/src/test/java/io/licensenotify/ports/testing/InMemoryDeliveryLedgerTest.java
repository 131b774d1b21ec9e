package io.licensenotify.ports.testing;

import io.licensenotify.domain.DeliveryKey;
import io.licensenotify.domain.DeliveryState;
import io.licensenotify.ports.out.DeliveryLedger;
import io.licensenotify.ports.out.DeliveryLedgerContract;
import io.licensenotify.ports.out.DeliveryRecord;

import java.time.Duration;
import java.util.Collection;
import java.util.Optional;

/** The fake obeys the same contract as the database ledger, so service tests on it mean something. */
class InMemoryDeliveryLedgerTest extends DeliveryLedgerContract {
    private final InMemoryDeliveryLedger ledger = new InMemoryDeliveryLedger();

    @Override
    protected DeliveryLedger ledger() {
        return ledger;
    }

    @Override
    protected void backdate(Collection<DeliveryKey> keys, Duration by) {
        ledger.backdate(keys, by);
    }

    @Override
    protected Optional<DeliveryState> stateOf(DeliveryKey key) {
        return ledger.all().stream().filter(r -> r.key().equals(key)).map(DeliveryRecord::state).findFirst();
    }
}
