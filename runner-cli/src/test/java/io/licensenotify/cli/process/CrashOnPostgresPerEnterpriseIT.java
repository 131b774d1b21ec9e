package io.licensenotify.cli.process;

import io.licensenotify.adapter.persistence.TestDatabase;

/** The crash scenario with `braze.batching=enterprise` (fewer runs: the packed default has its twenty). */
class CrashOnPostgresPerEnterpriseIT extends CrashBehaviour {
    @Override
    TestDatabase target() {
        return TestDatabase.POSTGRES;
    }

    @Override
    String batching() {
        return "enterprise";
    }

    @Override
    int runs() {
        return 8;
    }
}
