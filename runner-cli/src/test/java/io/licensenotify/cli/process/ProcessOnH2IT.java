package io.licensenotify.cli.process;

import io.licensenotify.adapter.persistence.TestDatabase;

class ProcessOnH2IT extends ProcessBehaviour {
    @Override
    TestDatabase target() {
        return TestDatabase.H2;
    }
}
