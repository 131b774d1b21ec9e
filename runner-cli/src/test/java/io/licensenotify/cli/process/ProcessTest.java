package io.licensenotify.cli.process;

import io.licensenotify.adapter.persistence.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/**
 * A process test on one database: the stand-ins and the database opened once per class, the data reset before
 * each test (no ledger, license-manager's tables empty, no fault scripted, nothing received).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ProcessTest {
    Path dir;
    ItDatabase db;
    FakeLms lms;
    FakeBraze braze;

    abstract TestDatabase target();

    @BeforeAll
    void startStandIns(@TempDir Path classDir) {
        dir = classDir;
        db = ItDatabase.open(target(), dir);
        lms = new FakeLms();
        braze = new FakeBraze();
    }

    @AfterAll
    void stopStandIns() {
        if (braze != null) braze.close();
        if (lms != null) lms.close();
        if (db != null) db.close();
    }

    @BeforeEach
    void resetAll() {
        db.reset();
        lms.heal();
        braze.heal();
        lms.forget();
        braze.forget();
    }

    /** {@code braze.batching} of this class's runs: packed, the default, unless a per-enterprise variant says so. */
    String batching() {
        return "packed";
    }

    /** A scenario's name in RELIABILITY.md; a per-enterprise variant's says so. */
    String named(String scenario) {
        return batching().equals("packed") ? scenario : scenario + ", per enterprise";
    }

    LicenseNotifyProcess command() {
        return Processes.command(dir, db, lms, braze).with("braze.batching", batching());
    }
}
