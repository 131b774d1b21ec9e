package io.licensenotify.ports.testing;

import io.licensenotify.ports.out.Suppressions;
import io.licensenotify.ports.out.SuppressionsContract;

class InMemorySuppressionsTest extends SuppressionsContract {
    private final InMemorySuppressions suppressions = new InMemorySuppressions();

    @Override
    protected Suppressions suppressions() {
        return suppressions;
    }
}
