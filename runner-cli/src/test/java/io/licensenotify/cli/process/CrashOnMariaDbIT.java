package io.licensenotify.cli.process;

import io.licensenotify.adapter.persistence.TestDatabase;

class CrashOnMariaDbIT extends CrashBehaviour {
    @Override
    TestDatabase target() {
        return TestDatabase.MARIADB;
    }
}
