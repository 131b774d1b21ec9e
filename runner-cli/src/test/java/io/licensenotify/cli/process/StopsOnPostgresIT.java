package io.licensenotify.cli.process;

import io.licensenotify.adapter.persistence.TestDatabase;

class StopsOnPostgresIT extends StopsBehaviour {
    @Override
    TestDatabase target() {
        return TestDatabase.POSTGRES;
    }
}
