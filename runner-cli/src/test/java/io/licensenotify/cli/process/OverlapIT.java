package io.licensenotify.cli.process;

import io.licensenotify.adapter.persistence.TestDatabase;
import io.licensenotify.cli.process.LicenseNotifyProcess.Result;
import io.licensenotify.cli.process.LicenseNotifyProcess.Running;
import io.licensenotify.standin.BrazeStandIn.Email;
import org.junit.jupiter.params.ParameterizedTest;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Overlap: four processes started together on MariaDB and on PostgreSQL send each email once, in either batching. */
class OverlapIT {
    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"MARIADB, packed", "POSTGRES, packed", "MARIADB, enterprise",
            "POSTGRES, enterprise"})
    void fourProcessesStartedTogetherSendEachEmailOnce(TestDatabase target, String batching,
                                                       @org.junit.jupiter.api.io.TempDir Path dir) {
        try (ItDatabase db = ItDatabase.open(target, dir); FakeLms lms = new FakeLms(); FakeBraze braze = new FakeBraze()) {
            db.reset();
            Scenario scenario = Scenario.many(8, 2);
            scenario.load(db, lms);
            braze.fault(FakeBraze.anyAdminEmail(), -1, r -> Processes.created().late(100));
            LicenseNotifyProcess command = Processes.command(dir, db, lms, braze).with("notify.concurrency", "2")
                    .with("braze.batching", batching);
            Set<Email> due = scenario.due(Scenario.AS_OF);

            List<Running> four = new ArrayList<>();
            for (int i = 0; i < 4; i++) four.add(command.start("send", "--as-of", Scenario.AS_OF.toString()));
            List<Result> results = four.stream().map(p -> p.await(LicenseNotifyProcess.DEFAULT_TIMEOUT)).toList();

            results.forEach(r -> assertThat(r.exitCode()).as(r.toString()).isZero());
            assertThat(braze.emails()).containsExactlyInAnyOrderElementsOf(due);
            assertThat(db.ledger("SENT")).hasSize(due.size());
            Reliability.Figures f = Reliability.measure("Overlap: 4 processes at once on " + target.label()
                    + (batching.equals("packed") ? "" : ", per enterprise"), 0, 4,
                    scenario, due, braze.emails(), db.ledger());
            assertThat(f.duplicates()).isZero();
            assertThat(f.lost()).isZero();
            results.forEach(r -> Processes.assertNoSecret(r, db));
        }
    }
}
