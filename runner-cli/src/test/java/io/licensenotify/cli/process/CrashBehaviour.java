package io.licensenotify.cli.process;

import io.licensenotify.adapter.persistence.TestDatabase;
import io.licensenotify.cli.process.LicenseNotifyProcess.Result;
import io.licensenotify.cli.process.LicenseNotifyProcess.Running;
import io.licensenotify.standin.BrazeStandIn.Email;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Crash, on MariaDB and PostgreSQL ({@link CrashOnMariaDbIT}, {@link CrashOnPostgresIT}): 20 runs over the same data, one week apart, each killed with SIGKILL at a random point (seeded:
 * the seed is printed, {@code -Dlicense-notify.crash-seed=N} replays it) and followed by a rerun once the claim
 * lease is over. Across all of them no (admin, kind, period) reaches Braze twice, and every due email either
 * reached Braze or is recorded uncertain.
 */
abstract class CrashBehaviour extends ProcessTest {
    /** Killed runs, each followed by a rerun. */
    int runs() {
        return 20;
    }

    private static final int BRAZE_LATENCY_MS = 200;

    @Test
    void killedRunsFollowedByRerunsNeverSendAnEmailTwiceAndLoseNone() {
        long seed = Long.getLong("license-notify.crash-seed", System.nanoTime());
        System.out.println(getClass().getSimpleName() + " seed " + seed + " (replay with -Dlicense-notify.crash-seed=" + seed + ")");
        Random random = new Random(seed);
        Scenario scenario = Scenario.many(6, 2);
        scenario.load(db, lms);
        braze.fault(FakeBraze.anyAdminEmail(), -1, r -> Processes.created().late(BRAZE_LATENCY_MS));
        // runs follow each other here, so a short lease is safe: the rerun's JVM start alone outlasts it
        LicenseNotifyProcess command = command().with("notify.concurrency", "2").with("notify.claim-lease", "PT0.5S");

        List<String> due = new ArrayList<>();
        List<String> received = new ArrayList<>();
        Set<String> uncertain = new HashSet<>();
        Set<String> uncertainRows = new HashSet<>();
        int killed = 0;
        for (int run = 0; run < runs(); run++) {
            LocalDate day = Scenario.AS_OF.plusDays(7L * run);
            braze.forget();
            Running doomed = command.start("send", "--as-of", day.toString());
            if (random.nextInt(4) == 0) {
                Processes.awaitConditionOrEnd(doomed, () -> false, Duration.ofMillis(300 + random.nextInt(3_000)));
            } else {
                // a kill while a request is in flight: per enterprise a run makes up to 10 requests (6 after the
                // first week), packed 3 (one per campaign) and then 1
                int requests = 1 + random.nextInt(batching().equals("packed") ? (run == 0 ? 3 : 1) : run == 0 ? 10 : 6);
                Processes.awaitConditionOrEnd(doomed, () -> braze.requests().size() >= requests, Duration.ofSeconds(60));
                Processes.awaitConditionOrEnd(doomed, () -> false, Duration.ofMillis(random.nextInt(BRAZE_LATENCY_MS)));
            }
            if (doomed.isAlive()) killed++;
            doomed.kill();
            Processes.waitPast(Duration.ofMillis(500));
            Result rerun = command.run("send", "--as-of", day.toString());
            assertThat(rerun.exitCode()).as(rerun.toString()).isIn(0, 1);
            assertThat(rerun.stdout()).contains("Result: ");

            for (Email e : scenario.due(day))
                if (run == 0 || e.campaign().equals("campaign-digest")) due.add(key(scenario, e, day));
            for (Email e : braze.emails()) received.add(key(scenario, e, day));
            for (ItDatabase.Row r : db.ledger("UNCERTAIN")) {
                if (uncertainRows.add(r.identity()))
                    uncertain.add(r.enterprise() + "/" + r.ecuId() + "/" + r.kind()
                            + (r.kind().equals("WEEKLY_DIGEST") ? "@" + day : ""));
            }
            assertThat(db.ledger("PENDING")).as("claims left pending after the rerun of run " + run).isEmpty();
        }

        Reliability.Figures f = Reliability.measure(named("Crash on " + target().label() + " (seed " + seed + ")"),
                killed, 2L * runs(), due, received, uncertain);
        assertThat(received).as("emails Braze received").doesNotHaveDuplicates();
        assertThat(f.duplicates()).isZero();
        assertThat(f.lost()).isZero();
        assertThat(received).allMatch(due::contains);
    }

    private static String key(Scenario scenario, Email e, LocalDate day) {
        return Processes.key(scenario, e) + (e.campaign().equals("campaign-digest") ? "@" + day : "");
    }
}
