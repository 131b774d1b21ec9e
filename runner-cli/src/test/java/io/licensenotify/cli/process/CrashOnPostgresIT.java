package io.licensenotify.cli.process;

import io.licensenotify.adapter.persistence.TestDatabase;

class CrashOnPostgresIT extends CrashBehaviour {
    @Override
    TestDatabase target() {
        return TestDatabase.POSTGRES;
    }
}
