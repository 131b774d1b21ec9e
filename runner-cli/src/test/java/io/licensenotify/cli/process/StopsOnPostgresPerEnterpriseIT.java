package io.licensenotify.cli.process;

import io.licensenotify.adapter.persistence.TestDatabase;

/** The stop scenarios with `braze.batching=enterprise`. */
class StopsOnPostgresPerEnterpriseIT extends StopsBehaviour {
    @Override
    TestDatabase target() {
        return TestDatabase.POSTGRES;
    }

    @Override
    String batching() {
        return "enterprise";
    }
}
