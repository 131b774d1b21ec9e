package io.licensenotify.ports.testing;

import io.licensenotify.ports.out.DeliveryLedger;
import io.licensenotify.ports.out.DeliveryLedgerContract;

/** The fake obeys the same contract as the database ledger, so service tests on it mean something. */
class InMemoryDeliveryLedgerTest extends DeliveryLedgerContract {
    private final InMemoryDeliveryLedger ledger = new InMemoryDeliveryLedger();

    @Override
    protected DeliveryLedger ledger() {
        return ledger;
    }
}
