package io.licensenotify.cli.process;

import io.licensenotify.adapter.persistence.TestDatabase;
import io.licensenotify.cli.process.LicenseNotifyProcess.Result;
import io.licensenotify.cli.process.LicenseNotifyProcess.Running;
import io.licensenotify.domain.Shard;
import io.licensenotify.standin.Answer;
import io.licensenotify.standin.BrazeStandIn;
import io.licensenotify.standin.BrazeStandIn.Email;
import io.licensenotify.standin.LmsStandIn;
import io.licensenotify.standin.Received;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Shards as real processes on MariaDB and PostgreSQL. Four shards started at once share the enterprises
 * (each due email sent once, each enterprise asked of the LMS once); a shard killed with SIGKILL is finished by its
 * own rerun, which sweeps its own stale claims and no other shard's.
 */
class ShardsIT {
    private static final int ENTERPRISES = 16;

    @ParameterizedTest
    @EnumSource(value = TestDatabase.class, names = {"MARIADB", "POSTGRES"})
    void fourShardsStartedAtOnceSendEachDueEmailOnceAndAskTheLmsAboutEachEnterpriseOnce(TestDatabase target,
                                                                                        @TempDir Path dir) {
        try (ItDatabase db = ItDatabase.open(target, dir); FakeLms lms = new FakeLms(); FakeBraze braze = new FakeBraze()) {
            db.reset();
            Scenario scenario = Scenario.spread(ENTERPRISES, 2);
            scenario.load(db, lms);
            braze.fault(FakeBraze.anyAdminEmail(), -1, r -> Processes.created().late(100));
            LicenseNotifyProcess command = Processes.command(dir, db, lms, braze).with("notify.concurrency", "2");
            Set<Email> due = scenario.due(Scenario.AS_OF);

            // two by --shard, two as the pods of an Indexed Job (notify.shards and JOB_COMPLETION_INDEX, JSON logs)
            List<Running> four = new ArrayList<>();
            for (int i = 0; i < 4; i++)
                four.add(i < 2 ? command.start("send", "--as-of", Scenario.AS_OF.toString(), "--shard", i + "/4")
                        : command.copy().env("NOTIFY_SHARDS", "4").env("JOB_COMPLETION_INDEX", "" + i)
                        .env("LOG_FORMAT", "json").start("send", "--as-of", Scenario.AS_OF.toString()));
            List<Result> results = four.stream().map(p -> p.await(LicenseNotifyProcess.DEFAULT_TIMEOUT)).toList();

            for (int i = 0; i < 4; i++) {
                Shard shard = new Shard(i, 4);
                Result r = results.get(i);
                long share = scenario.orgs.stream().filter(o -> shard.contains(o.uuid())).count();
                assertThat(share).as("the scenario spreads its enterprises").isEqualTo(ENTERPRISES / 4);
                assertThat(r.exitCode()).as(r.toString()).isZero();
                assertThat(r.stdout()).as(r.toString()).contains("shard " + shard + ",", "Enterprises: " + share + " seen");
                if (i >= 2)
                    assertThat(r.stderr().lines().filter(l -> l.contains("\"run_id\""))).as("JSON log lines")
                            .isNotEmpty().allMatch(l -> l.contains("\"shard\":\"" + shard + "\""));
                Processes.assertNoSecret(r, db);
            }
            assertThat(braze.emails()).as("each due email once").hasSize(due.size())
                    .containsExactlyInAnyOrderElementsOf(due);
            Map<UUID, Long> asked = lms.received().stream().filter(LmsStandIn.anyLearnerPage())
                    .collect(Collectors.groupingBy(ShardsIT::enterpriseAsked, Collectors.counting()));
            assertThat(asked).as("LMS requests per enterprise")
                    .isEqualTo(scenario.orgs.stream().collect(Collectors.toMap(Scenario.Org::uuid, o -> 1L)));
            assertThat(db.ledger("SENT")).hasSize(due.size());
        }
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabase.class, names = {"MARIADB", "POSTGRES"})
    void aShardKilledMidRunIsFinishedByItsOwnRerunWhichLeavesTheOtherShardsClaimsAlone(TestDatabase target,
                                                                                      @TempDir Path dir) {
        try (ItDatabase db = ItDatabase.open(target, dir); FakeLms lms = new FakeLms(); FakeBraze braze = new FakeBraze()) {
            db.reset();
            Scenario scenario = Scenario.spread(ENTERPRISES, 2);
            scenario.load(db, lms);
            // Braze holds every request and would then refuse it: the killed runs' requests are never taken on, so
            // what they marked as sending is uncertain (at most once), and everything else of their shard is due
            braze.fault(FakeBraze.anyAdminEmail(), -1, r -> Answer.json(503, Map.of("message", "held")).late(60_000));
            // the runs follow each other, so a short lease is safe (as in CrashBehaviour)
            LicenseNotifyProcess command = Processes.command(dir, db, lms, braze).with("notify.concurrency", "2")
                    .with("notify.claim-lease", "PT0.5S");
            Shard one = new Shard(1, 4);
            Shard two = new Shard(2, 4);

            Running first = command.start("send", "--as-of", Scenario.AS_OF.toString(), "--shard", one.toString());
            Running second = command.start("send", "--as-of", Scenario.AS_OF.toString(), "--shard", two.toString());
            for (Running doomed : List.of(first, second)) {
                Shard shard = doomed == first ? one : two;
                Processes.awaitCondition(() -> braze.received().stream().anyMatch(inShard(shard)),
                        Duration.ofSeconds(60), "a Braze request of shard " + shard);
                assertThat(doomed.isAlive()).isTrue();
                doomed.kill();
            }
            braze.heal();
            braze.forget();
            List<String> twoBefore = states(db, two);
            assertThat(twoBefore).as("shard 2's claims left by its killed run").anyMatch(s -> s.endsWith("=SENDING"));
            Processes.waitPast(Duration.ofMillis(500));

            Result rerunOne = command.run("send", "--as-of", Scenario.AS_OF.toString(), "--shard", one.toString());

            assertThat(states(db, two)).as("shard 1's rerun leaves shard 2's stale claims alone").isEqualTo(twoBefore);
            finished(scenario, db, braze, one, rerunOne);
            braze.forget();

            Result rerunTwo = command.run("send", "--as-of", Scenario.AS_OF.toString(), "--shard", two.toString());

            finished(scenario, db, braze, two, rerunTwo);
            assertThat(db.ledger()).as("no other shard was touched")
                    .allMatch(r -> one.contains(UUID.fromString(r.enterprise())) || two.contains(UUID.fromString(r.enterprise())));
        }
    }

    /**
     * After a shard's rerun: each of its due emails was either sent by the rerun or is uncertain (its killed run had
     * marked it as sending), never both, none left claimed; the rerun says so (exit 1) and its run-error email
     * names the shard.
     */
    private static void finished(Scenario scenario, ItDatabase db, FakeBraze braze, Shard shard, Result rerun) {
        assertThat(rerun.exitCode()).as(rerun.toString()).isEqualTo(1);
        assertThat(rerun.stdout()).contains("shard " + shard + ",");
        Set<String> due = scenario.due(Scenario.AS_OF).stream().filter(e -> shard.contains(UUID.fromString(e.enterprise())))
                .map(e -> Processes.key(scenario, e)).collect(Collectors.toSet());
        List<String> sent = braze.emails().stream().map(e -> Processes.key(scenario, e)).toList();
        List<String> uncertain = rows(db, shard, "UNCERTAIN");
        assertThat(uncertain).as("the in-flight deliveries of the killed run").isNotEmpty();
        assertThat(sent).as("sent by the rerun").doesNotHaveDuplicates().doesNotContainAnyElementsOf(uncertain)
                .allMatch(due::contains);
        assertThat(new java.util.HashSet<>(sent)).as("sent + uncertain = due of shard " + shard)
                .containsAll(due.stream().filter(k -> !uncertain.contains(k)).toList());
        assertThat(rows(db, shard, "SENT")).containsExactlyInAnyOrderElementsOf(sent);
        assertThat(states(db, shard)).noneMatch(s -> s.endsWith("=PENDING") || s.endsWith("=SENDING"));
        assertThat(braze.runErrors()).singleElement()
                .satisfies(n -> assertThat(n.path("trigger_properties").path("shard").asText()).isEqualTo(shard.toString()));
    }

    private static List<String> states(ItDatabase db, Shard shard) {
        return db.ledger().stream().filter(r -> shard.contains(UUID.fromString(r.enterprise())))
                .map(r -> r.enterprise() + "/" + r.ecuId() + "/" + r.kind() + "=" + r.state()).sorted().toList();
    }

    private static List<String> rows(ItDatabase db, Shard shard, String state) {
        return db.ledger(state).stream().filter(r -> shard.contains(UUID.fromString(r.enterprise())))
                .map(r -> r.enterprise() + "/" + r.ecuId() + "/" + r.kind()).toList();
    }

    private static java.util.function.Predicate<Received> inShard(Shard shard) {
        return r -> FakeBraze.anyAdminEmail().test(r) && BrazeStandIn.SEND_PATH.equals(r.path())
                && BrazeStandIn.enterprisesOf(r.json()).stream().anyMatch(e -> shard.contains(UUID.fromString(e)));
    }

    private static UUID enterpriseAsked(Received r) {
        return UUID.fromString(r.param("enterprise_customer_uuid"));
    }
}
