package io.licensenotify.cli.process;

import io.licensenotify.adapter.persistence.TestDatabase;
import io.licensenotify.cli.process.LicenseNotifyProcess.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The jar as a process, where no database of the machine is needed: bad configuration, and the demo. */
class CommandProcessIT {
    @TempDir
    Path dir;

    @Test
    void aMissingBrazeKeyExitsTwoNamingTheKeyAndCallsNothing() {
        try (ItDatabase db = ItDatabase.open(TestDatabase.H2, dir); FakeLms lms = new FakeLms(); FakeBraze braze = new FakeBraze()) {
            db.reset();
            Scenario.standard().load(db, lms);

            Result run = Processes.command(dir, db, lms, braze).without("braze.api-key")
                    .run("send", "--as-of", Scenario.AS_OF.toString());

            assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
            assertThat(run.stderr()).contains("braze.api-key").contains("BRAZE_API_KEY").contains("nothing was sent");
            assertThat(braze.requests()).isEmpty();
            assertThat(lms.learnerRequests()).isZero();
            assertThat(db.ledger()).isEmpty();
            Processes.assertNoSecret(run, db);
        }
    }

    @Test
    void theDemoRunsGreenAndItsSecondRunSendsNothing() {
        Result demo = LicenseNotifyProcess.in(dir).run("demo");

        assertThat(demo.exitCode()).as(demo.toString()).isZero();
        assertThat(demo.stdout()).contains("The second run sent no admin email again");
        // the runs inside the demo log as any run does: each run's start and end reach stderr
        assertThat(demo.stderr().lines().filter(l -> l.contains(" INFO ") && l.contains("starts: as of")))
                .as(demo.toString()).hasSize(2);
        // what the demo says agrees with itself
        assertThat(demo.stdout()).as(demo.toString())
                .contains("Soylent without an auto-assign plan, which", "a run does not see (so each run sees 5)",
                        "Enterprises: 5 seen",
                        "enterprise e0000000-0000-4000-8000-000000000005 (Hooli): ADMIN_LOOKUP",
                        "Braze requests: 3, accepted: 3",
                        "Braze received 4 requests: 3 with admin emails (the summary's 'Braze requests') and the"
                                + " run-error notification",
                        "Exit status: 1 (the failure was reported again; nothing else was due)")
                .doesNotContainPattern("[A-Z][A-Za-z]+\\[[A-Za-z]"); // no record's toString: Database[H2 ...]
        assertThat(demo.stderr()).as("the demo's own files ask for no chmod").doesNotContain("chmod");
        // the ledger's state is said once by each run, not again by a step before it
        String all = demo.stdout() + demo.stderr();
        assertThat(all.lines().filter(l -> l.contains("the delivery ledger in H2 at"))).as(demo.toString()).hasSize(2);
        // the seconds the LMS lookup of Hooli is retried are not silent
        assertThat(demo.stderr().lines().filter(l -> l.contains(" INFO ") && l.contains("LMS call failed")
                && l.contains("retrying in"))).as(demo.toString()).isNotEmpty();
    }
}
