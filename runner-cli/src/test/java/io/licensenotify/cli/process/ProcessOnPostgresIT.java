package io.licensenotify.cli.process;

import io.licensenotify.adapter.persistence.TestDatabase;

class ProcessOnPostgresIT extends ProcessBehaviour {
    @Override
    TestDatabase target() {
        return TestDatabase.POSTGRES;
    }
}
