package io.licensenotify.cli.process;

import io.licensenotify.adapter.persistence.TestDatabase;

class ProcessOnMariaDbIT extends ProcessBehaviour {
    @Override
    TestDatabase target() {
        return TestDatabase.MARIADB;
    }
}
