package io.licensenotify.ports.testing;

import io.licensenotify.domain.DeliveryKey;
import io.licensenotify.ports.out.DeliveryHistory;
import io.licensenotify.ports.out.DeliveryLedger;
import io.licensenotify.ports.out.OperatorReleaseContract;

import java.time.Duration;
import java.util.Collection;

/** The fake releases as the database ledger does. */
class InMemoryOperatorReleaseTest extends OperatorReleaseContract {
    private final InMemoryDeliveryLedger ledger = new InMemoryDeliveryLedger();

    @Override
    protected DeliveryLedger ledger() {
        return ledger;
    }

    @Override
    protected DeliveryHistory history() {
        return ledger;
    }

    @Override
    protected void backdate(Collection<DeliveryKey> keys, Duration by) {
        ledger.backdate(keys, by);
    }
}
