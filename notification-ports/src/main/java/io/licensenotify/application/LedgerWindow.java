package io.licensenotify.application;

import io.licensenotify.domain.Recorded;
import io.licensenotify.ports.out.DeliveryLedger;
import io.licensenotify.ports.out.EnterpriseLicenses;
import io.licensenotify.ports.out.StorageException;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What the ledger holds for a window of enterprises, read with one call on the reading thread just before they go
 * to the workers (one statement for many enterprises instead of one each). The claim stays the arbiter: what
 * another run records after this read makes the claim lose, never send twice. A failed read fails each enterprise
 * of the window that needs it, as a read of its own would have, not the run.
 */
final class LedgerWindow {
    private final Map<UUID, Recorded> recorded;
    private final RuntimeException failure;

    private LedgerWindow(Map<UUID, Recorded> recorded, RuntimeException failure) {
        this.recorded = recorded;
        this.failure = failure;
    }

    static LedgerWindow read(DeliveryLedger ledger, List<EnterpriseLicenses> window) {
        try {
            return new LedgerWindow(ledger.recorded(window.stream().map(e -> e.enterprise().uuid()).toList()), null);
        } catch (RuntimeException e) {
            return new LedgerWindow(Map.of(), e);
        }
    }

    /** The enterprise's records; throws (a fresh exception per caller) when the window could not be read. */
    Recorded of(UUID enterprise) {
        if (failure instanceof StorageException s)
            throw new StorageException(s.getMessage(), s.isTransient(), s);
        if (failure != null) throw new IllegalStateException(Run.describe(failure), failure);
        return recorded.getOrDefault(enterprise, Recorded.NOTHING);
    }
}
