package io.licensenotify.cli.process;

import io.licensenotify.adapter.persistence.TestDatabase;

class StopsOnMariaDbIT extends StopsBehaviour {
    @Override
    TestDatabase target() {
        return TestDatabase.MARIADB;
    }
}
