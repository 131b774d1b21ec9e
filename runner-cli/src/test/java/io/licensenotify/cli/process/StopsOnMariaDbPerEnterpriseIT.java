package io.licensenotify.cli.process;

import io.licensenotify.adapter.persistence.TestDatabase;

/** The stop scenarios with `braze.batching=enterprise`. */
class StopsOnMariaDbPerEnterpriseIT extends StopsBehaviour {
    @Override
    TestDatabase target() {
        return TestDatabase.MARIADB;
    }

    @Override
    String batching() {
        return "enterprise";
    }
}
