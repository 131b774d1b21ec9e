package io.licensenotify.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.licensenotify.adapter.persistence.LedgerSchema;
import io.licensenotify.cli.config.Config;
import io.licensenotify.cli.config.ConfigTest;
import io.licensenotify.cli.config.Key;
import io.licensenotify.cli.config.Keys;
import io.licensenotify.cli.wiring.AppFactory;
import io.licensenotify.cli.wiring.Meters;
import io.licensenotify.cli.wiring.Probe;
import io.licensenotify.cli.wiring.SchemaMigration;
import io.licensenotify.domain.DeliveryKey;
import io.licensenotify.domain.DeliveryState;
import io.licensenotify.ports.in.RunReport;
import io.licensenotify.ports.in.SendNotificationsUseCase;
import io.licensenotify.ports.testing.InMemoryDeliveryLedger;
import io.licensenotify.ports.out.DeliveryRecord;
import io.licensenotify.ports.out.HistoryQuery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import io.licensenotify.domain.Shard;

import static org.assertj.core.api.Assertions.assertThat;

/** The real command line, in this process, with fakes bound where the adapters will be. */
class CommandLineTest {
    /** 23:30 UTC on May 31st is already June 1st in Tokyo. */
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-05-31T23:30:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();
    final ByteArrayOutputStream logs = new ByteArrayOutputStream();
    final List<SendNotificationsUseCase.Request> requests = new ArrayList<>();
    final List<HistoryQuery> queries = new ArrayList<>();
    int appsBuilt;
    int migrations;
    Function<LocalDate, RunReport> service = Reports::clean;
    final InMemoryDeliveryLedger ledger = new InMemoryDeliveryLedger(CLOCK);
    static final LedgerSchema.State CURRENT = new LedgerSchema.State(Optional.of("3"), "3", 0, "H2 at jdbc:h2:mem:x");
    List<DeliveryRecord> history = List.of();
    final io.licensenotify.ports.testing.InMemorySuppressions suppressions =
            new io.licensenotify.ports.testing.InMemorySuppressions();

    int run(Map<String, String> env, String... args) {
        SchemaMigration migration = () -> {
            migrations++;
            return "migrated";
        };
        SendNotificationsUseCase useCase = request -> {
            requests.add(request);
            return Reports.withShard(service.apply(request.asOf()), request.shard());
        };
        AppFactory app = new AppFactory() {
            @Override
            public SendApp send(Config config, boolean dryRun) {
                appsBuilt++;
                return new SendApp(dryRun ? () -> "the ledger as it is" : migration, useCase, new Meters(), () -> { });
            }

            @Override
            public SchemaMigration migration(Config config) {
                appsBuilt++;
                return migration;
            }

            @Override
            public HistoryApp history(Config config) {
                appsBuilt++;
                return new HistoryApp(CURRENT, query -> {
                    queries.add(query);
                    return history;
                });
            }

            @Override
            public ReleaseApp release(Config config) {
                appsBuilt++;
                return new ReleaseApp(CURRENT, ledger, Duration.ofHours(1),
                        io.licensenotify.domain.NotificationRules.DEFAULT, suppressions);
            }

            @Override
            public SuppressionsApp suppressions(Config config) {
                appsBuilt++;
                return new SuppressionsApp(migration, suppressions);
            }

            @Override
            public io.licensenotify.ports.out.ErrorReporter errorReporter(Config config) {
                return problems -> java.util.Optional.empty();
            }

            @Override
            public List<Probe> probes(Config config) {
                appsBuilt++;
                return List.of();
            }
        };
        CliEnvironment environment = new CliEnvironment(env, CLOCK, new PrintWriter(out, true), new PrintWriter(err, true));
        return LicenseNotify.commandLine(environment, app, logs).execute(args);
    }

    Map<String, String> completeEnv() {
        Map<String, String> env = new HashMap<>();
        ConfigTest.complete().forEach((k, v) -> env.put(Config.envName(k), v));
        return env;
    }

    @Test
    void suppressTakesEitherUuidFormAndSaysWhenNothingChanged() {
        String dashed = "3f2a7c1e-5b6d-4e8f-9a0b-1c2d3e4f5a6b";
        String hex = dashed.replace("-", "");

        assertThat(run(completeEnv(), "suppress", "--enterprise", dashed, "--admin", "101", "--kind", "75",
                "--reason", "asked", "--by", "alice")).isZero();
        assertThat(run(completeEnv(), "suppress", "--enterprise", hex, "--admin", "101", "--kind", "UTILIZATION_75"))
                .isZero();

        assertThat(out.toString()).contains("Suppressed: enterprise " + dashed + ", ECU 101, UTILIZATION_75",
                "Already suppressed, nothing changed");
        assertThat(suppressions.list(java.util.Optional.empty())).singleElement()
                .satisfies(s -> assertThat(s.createdBy()).isEqualTo("alice"));
    }

    @Test
    void aSuppressionIsDatedByTheCommandsClock() {
        assertThat(run(completeEnv(), "suppress", "--enterprise", "3f2a7c1e-5b6d-4e8f-9a0b-1c2d3e4f5a6b")).isZero();

        assertThat(suppressions.list(java.util.Optional.empty())).singleElement()
                .satisfies(s -> assertThat(s.createdAt()).isEqualTo(CLOCK.instant()));
    }

    @Test
    void unsuppressSaysHowManyItRemovedAndExitsOneWhenNoneMatched() {
        String e = "3f2a7c1e-5b6d-4e8f-9a0b-1c2d3e4f5a6b";
        run(completeEnv(), "suppress", "--enterprise", e);

        assertThat(run(completeEnv(), "unsuppress", "--enterprise", e, "--kind", "digest")).isEqualTo(1);
        assertThat(run(completeEnv(), "unsuppress", "--enterprise", e)).isZero();
        assertThat(out.toString()).contains("Removed 0 suppressions", "Removed 1 suppression: enterprise " + e
                + ", every admin, every kind");
    }

    @Test
    void aBadUuidExitsTwoNamingTheOption() {
        for (String[] args : new String[][] {{"suppress", "--enterprise", "1-2-3-4-5"},
                {"unsuppress", "--enterprise", "not-a-uuid"}, {"suppressions", "--enterprise", "xyz"},
                {"send", "--enterprise", "1-2-3-4-5"}}) {
            err.getBuffer().setLength(0);
            assertThat(run(completeEnv(), args)).as(String.join(" ", args)).isEqualTo(2);
            assertThat(err.toString()).as(String.join(" ", args)).contains("--enterprise");
        }
    }

    @Test
    void sendForNamedEnterprisesAsksTheUseCaseForThoseOnly() {
        String a = "3f2a7c1e-5b6d-4e8f-9a0b-1c2d3e4f5a6b";
        String b = "0000000000004000800000000000000b";

        assertThat(run(completeEnv(), "send", "--as-of", "2024-06-01", "--enterprise", a, "--enterprise", b)).isZero();

        assertThat(requests).singleElement().satisfies(r -> assertThat(r.only()).containsExactlyInAnyOrder(
                java.util.UUID.fromString(a), java.util.UUID.fromString("00000000-0000-4000-8000-00000000000b")));
    }

    @Test
    void helpListsTheCommandsAndWhatEachExitCodeMeans() {
        assertThat(run(Map.of(), "--help")).isZero();
        assertThat(out.toString()).contains("send-license-consumption-notifications, send", "migrate", "history",
                "check", "demo", "--config=FILE", "--log-format", "Exit codes:",
                "0   all due emails were delivered", "1   some deliveries or enterprises failed",
                "2   bad configuration or usage; nothing was sent", "LMS_BASE_URL");
    }

    @Test
    void helpIsACommandToo() {
        assertThat(run(Map.of(), "help", "send")).isZero();
        assertThat(out.toString()).startsWith("Usage: license-notify send-license-consumption-notifications")
                .contains("--dry-run");
        out.getBuffer().setLength(0);
        assertThat(run(Map.of(), "help")).isZero();
        assertThat(out.toString()).contains("release", "help");
    }

    @Test
    void everyCommandHasHelp() {
        for (String command : List.of("send", "migrate", "history", "release", "check", "demo")) {
            out.getBuffer().setLength(0);
            assertThat(run(Map.of(), command, "--help")).isZero();
            assertThat(out.toString()).startsWith("Usage: license-notify " + (command.equals("send")
                    ? "send-license-consumption-notifications" : command)).contains("Exit codes:");
            if (command.equals("send")) assertThat(out.toString()).contains("--as-of=DATE", "--dry-run", "--report=FILE");
            if (command.equals("history")) assertThat(out.toString()).contains("--json", "--limit=N", "default 50");
        }
    }

    @Test
    void checkHelpListsEveryKeyWithItsDefaultAndEnvironmentName() {
        assertThat(run(Map.of(), "check", "--help")).isZero();
        for (Key<?> key : Keys.ALL)
            assertThat(out.toString()).contains(key.name() + " = " + key.documentedDefault().replace("`", "") + "\n",
                    Config.envName(key.name()) + ": " + key.help());
        assertThat(out.toString()).contains("lms.timeout.read = PT30S\n      LMS_TIMEOUT_READ: ",
                "braze.campaign.utilization-<P> = required for each threshold");
    }

    @Test
    void versionPrintsTheProjectVersion() {
        assertThat(run(Map.of(), "--version")).isZero();
        assertThat(out.toString()).startsWith("license-notify 0.").doesNotContain("${")
                .containsPattern("\\(commit ([0-9a-f]{7,}( with uncommitted changes)?|unknown), built \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ\\)");
    }

    @Test
    void anEcuIdIsAWholeNumberAboveZeroForEveryCommandThatTakesOne() {
        String e = "0d0c0b0a-0000-0000-0000-000000000001";
        for (String[] args : new String[][] {{"history", "--admin", "abc"}, {"suppress", "--enterprise", e, "--admin", "abc"},
                {"suppress", "--enterprise", e, "--admin", "0"}, {"unsuppress", "--enterprise", e, "--admin", "-3"}}) {
            err.getBuffer().setLength(0);
            assertThat(run(completeEnv(), args)).as(String.join(" ", args)).isEqualTo(2);
            assertThat(err.toString()).as(String.join(" ", args))
                    .contains("--admin", "'" + args[args.length - 1] + "'", "an ECU id is a whole number above 0")
                    .doesNotContain("is not a long");
        }
        assertThat(suppressions.list(java.util.Optional.empty())).as("nothing suppressed").isEmpty();
    }

    @Test
    void suppressingAThresholdThatIsNotConfiguredIsAUsageErrorNamingTheConfiguredKinds() {
        String e = "0d0c0b0a-0000-0000-0000-000000000001";
        assertThat(run(completeEnv(), "suppress", "--enterprise", e, "--kind", "50")).isEqualTo(2);
        assertThat(err.toString()).contains("UTILIZATION_50", "notify.thresholds",
                "UTILIZATION_75, UTILIZATION_100, WEEKLY_DIGEST");
        assertThat(suppressions.list(java.util.Optional.empty())).as("nothing suppressed").isEmpty();

        Map<String, String> fifty = completeEnv();
        fifty.put("NOTIFY_THRESHOLDS", "50,100");
        fifty.put("BRAZE_CAMPAIGN_UTILIZATION_50", "00000000-0000-0000-0000-000000000050");
        assertThat(run(fifty, "suppress", "--enterprise", e, "--kind", "50")).isEqualTo(0);
        assertThat(suppressions.list(java.util.Optional.empty())).singleElement()
                .satisfies(s -> assertThat(s.kind()).hasValue(io.licensenotify.domain.NotificationKind.threshold(50)));
    }

    @Test
    void aBadDateIsAUsageErrorWithoutAStackTrace() {
        assertThat(run(completeEnv(), "send", "--as-of", "2024-02-30")).isEqualTo(2);
        assertThat(err.toString()).contains("'2024-02-30' is not a date (expected yyyy-MM-dd")
                .contains("--help").doesNotContain("at io.licensenotify", "Exception");
        assertThat(requests).isEmpty();
    }

    @Test
    void anUnknownOptionOrCommandExitsTwo() {
        assertThat(run(Map.of(), "send", "--dryrun")).isEqualTo(2);
        assertThat(err.toString()).contains("Unknown option: '--dryrun'");
        assertThat(run(Map.of(), "sned")).isEqualTo(2);
        assertThat(err.toString()).as("a misspelt command gets the nearest").contains("Did you mean: license-notify send?");
        err.getBuffer().setLength(0);
        assertThat(run(Map.of(), "histroy", "--json")).isEqualTo(2);
        assertThat(err.toString()).contains("Did you mean: license-notify history");
        assertThat(run(Map.of())).isEqualTo(2);
    }

    @Test
    void badConfigurationExitsTwoBeforeAnyAdapterIsBuilt() {
        Map<String, String> env = completeEnv();
        env.remove("BRAZE_API_KEY");
        env.put("NOTIFY_CONCURRENCY", "abc");
        assertThat(run(env, "send")).isEqualTo(2);
        assertThat(err.toString()).contains("2 problems", "nothing was sent",
                "braze.api-key: missing (set it in a --config file or BRAZE_API_KEY)",
                "notify.concurrency: 'abc' is not a whole number (from NOTIFY_CONCURRENCY)");
        assertThat(appsBuilt).isZero();
        assertThat(requests).isEmpty();
    }

    @Test
    void problemsAreShownWithTheUnknownKeysThatMayCauseThem() throws IOException {
        Path file = dir.resolve("ln.properties");
        StringBuilder s = new StringBuilder();
        ConfigTest.complete().forEach((k, v) -> s.append(k.equals("braze.api-key") ? "braze.apikey" : k).append('=')
                .append(v).append('\n'));
        Files.writeString(file, s);

        assertThat(run(Map.of(), "--config", file.toString(), "send")).isEqualTo(2);

        assertThat(err.toString()).contains("braze.api-key: missing",
                "braze.apikey: unknown key in " + file + " (did you mean braze.api-key?); ignored");
        assertThat(appsBuilt).isZero();
    }

    @Test
    void sendRunsTheServiceForTodayInTheConfiguredZoneAndExitsZeroWhenAllWasDelivered() {
        Map<String, String> env = completeEnv();
        env.put("NOTIFY_ZONE", "Asia/Tokyo");
        assertThat(run(env, "send")).isZero();
        assertThat(requests).singleElement().satisfies(r -> {
            assertThat(r.asOf()).isEqualTo(LocalDate.of(2024, 6, 1));
            assertThat(r.dryRun()).isFalse();
        });
        assertThat(out.toString()).contains("as of 2024-06-01", "Result: OK");
        assertThat(migrations).as("send brings the ledger's tables up to date first").isEqualTo(1);
    }

    @Test
    void sendExitsOneWhenSomethingFailedAndWritesTheJsonReport() throws IOException {
        service = Reports::withProblems;
        Path report = dir.resolve("report.json");
        assertThat(run(completeEnv(), "send", "--as-of", "2024-05-20", "--dry-run", "--report", report.toString()))
                .isEqualTo(1);
        assertThat(requests).singleElement().satisfies(r -> {
            assertThat(r.asOf()).isEqualTo(LocalDate.of(2024, 5, 20));
            assertThat(r.dryRun()).isTrue();
        });
        JsonNode json = new ObjectMapper().readTree(Files.readString(report));
        assertThat(json.path("as_of").asText()).isEqualTo("2024-05-20");
        assertThat(json.path("failures")).hasSize(2);
        assertThat(out.toString()).contains("Failures (2)");
    }

    @Test
    void shardOptionOrNotifyShardsWithTheJobIndexChoosesTheShardAndLabelsTheSummaryAndReport() throws IOException {
        Path report = dir.resolve("report.json");
        assertThat(run(completeEnv(), "send", "--shard", "1/4", "--report", report.toString())).isZero();
        Map<String, String> indexed = completeEnv();
        indexed.put("NOTIFY_SHARDS", "3");
        indexed.put("JOB_COMPLETION_INDEX", "2");
        assertThat(run(indexed, "send")).isZero();
        assertThat(run(indexed, "send", "--shard", "0/3")).as("--shard wins over JOB_COMPLETION_INDEX").isZero();
        Map<String, String> one = completeEnv();
        one.put("NOTIFY_SHARDS", "1");
        one.put("JOB_COMPLETION_INDEX", "5");
        assertThat(run(one, "send")).as("one shard: the index is not read").isZero();

        assertThat(requests).extracting(SendNotificationsUseCase.Request::shard).containsExactly(
                new Shard(1, 4), new Shard(2, 3), new Shard(0, 3), Shard.ALL);
        assertThat(out.toString()).contains("as of 2024-05-31, shard 1/4", "as of 2024-05-31, shard 2/3");
        assertThat(new ObjectMapper().readTree(Files.readString(report)).path("shard").asText()).isEqualTo("1/4");
    }

    @Test
    void anUnshardedReportHasANullShard() throws IOException {
        Path report = dir.resolve("report.json");
        assertThat(run(completeEnv(), "send", "--report", report.toString())).isZero();
        JsonNode json = new ObjectMapper().readTree(Files.readString(report));
        assertThat(json.has("shard")).isTrue();
        assertThat(json.path("shard").isNull()).isTrue();
        assertThat(out.toString()).doesNotContain("shard");
    }

    @Test
    void aBadShardExitsTwoNamingTheOptionKeyOrVariableBeforeAnythingRuns() {
        record Case(Map<String, String> more, List<String> args, String named) {
        }
        List<Case> cases = List.of(
                new Case(Map.of(), List.of("--shard", "4/4"), "--shard 4/4: shard index must be from 0 to 3, not 4"),
                new Case(Map.of(), List.of("--shard", "0/0"), "--shard 0/0: shard count must be at least 1, not 0"),
                new Case(Map.of(), List.of("--shard", "two"), "--shard two: 'two' is not I/N"),
                new Case(Map.of(), List.of("--shard", "x/4"), "'x' is not a whole number"),
                new Case(Map.of("NOTIFY_SHARDS", "3"), List.of("--shard", "1/4"),
                        "--shard 1/4 disagrees with notify.shards=3"),
                new Case(Map.of("NOTIFY_SHARDS", "4"), List.of(), "JOB_COMPLETION_INDEX is not set"),
                new Case(Map.of("NOTIFY_SHARDS", "4", "JOB_COMPLETION_INDEX", "x"), List.of(),
                        "JOB_COMPLETION_INDEX=x is not a whole number: notify.shards=4 takes JOB_COMPLETION_INDEX from 0 to 3"),
                new Case(Map.of("NOTIFY_SHARDS", "4", "JOB_COMPLETION_INDEX", "4"), List.of(),
                        "JOB_COMPLETION_INDEX=4 is outside the shards"),
                new Case(Map.of("NOTIFY_SHARDS", "0"), List.of(), "notify.shards: "),
                new Case(Map.of("NOTIFY_SHARDS", "many"), List.of(), "notify.shards: 'many' is not a whole number"),
                new Case(Map.of(), List.of("--shard", "1/2", "--enterprise", "3f2a7c1e-5b6d-4e8f-9a0b-1c2d3e4f5a6b"),
                        "--shard cannot be combined with --enterprise"));
        for (Case c : cases) {
            Map<String, String> env = completeEnv();
            env.putAll(c.more());
            List<String> args = new ArrayList<>(List.of("send"));
            args.addAll(c.args());
            err.getBuffer().setLength(0);

            assertThat(run(env, args.toArray(String[]::new))).as(c.named()).isEqualTo(2);
            assertThat(err.toString()).as(c.named()).contains(c.named()).doesNotContain("Exception");
        }
        assertThat(requests).isEmpty();
        assertThat(appsBuilt).isZero();
    }

    @Test
    void namedEnterprisesIgnoreNotifyShards() {
        Map<String, String> env = completeEnv();
        env.put("NOTIFY_SHARDS", "4");
        assertThat(run(env, "send", "--enterprise", "3f2a7c1e-5b6d-4e8f-9a0b-1c2d3e4f5a6b")).isZero();
        assertThat(requests).singleElement().satisfies(r -> assertThat(r.shard()).isEqualTo(Shard.ALL));
    }

    @Test
    void aReportInAMissingFolderIsAUsageErrorBeforeAnythingRuns() {
        assertThat(run(completeEnv(), "send", "--report", dir.resolve("nope/report.json").toString())).isEqualTo(2);
        assertThat(requests).isEmpty();
    }

    @Test
    void theConfigFileIsReadAndTheEnvironmentOverridesIt() throws IOException {
        Path file = dir.resolve("ln.properties");
        StringBuilder s = new StringBuilder();
        ConfigTest.complete().forEach((k, v) -> s.append(k).append('=').append(v).append('\n'));
        s.append("notify.zone=Asia/Tokyo\n");
        Files.writeString(file, s);
        assertThat(run(Map.of("NOTIFY_ZONE", "UTC"), "send", "--config", file.toString())).isZero();
        assertThat(requests).singleElement().extracting(SendNotificationsUseCase.Request::asOf)
                .isEqualTo(LocalDate.of(2024, 5, 31));
    }

    @Test
    void anUnexpectedErrorIsOneLineOnStderrAndExitsOne() {
        service = day -> {
            throw new IllegalStateException("database went away\nsecond line");
        };
        assertThat(run(completeEnv(), "send")).isEqualTo(1);
        assertThat(err.toString()).contains("license-notify send-license-consumption-notifications: IllegalStateException: database went away")
                .doesNotContain("second line", "at io.licensenotify");
        err.getBuffer().setLength(0);
        assertThat(run(completeEnv(), "send", "--verbose")).isEqualTo(1);
        assertThat(err.toString()).contains("at io.licensenotify");
    }

    @Test
    void historyNeedsOnlyTheDatabaseAndPrintsANewestFirstTable() {
        UUID enterprise = Reports.ACME;
        history = List.of(new DeliveryRecord(DeliveryKey.weeklyDigest(101, enterprise, java.time.LocalDate.of(2024, 5, 27)), DeliveryState.SENT, 1001,
                Optional.empty(), Instant.parse("2024-05-31T02:05:00Z"), Optional.of(Instant.parse("2024-05-31T02:05:01Z")),
                "run-9", Optional.of("dispatch-abc"), 1, Optional.empty()));
        assertThat(run(Map.of(), "history", "--enterprise", enterprise.toString().replace("-", ""),
                "--kind", "weekly_digest", "--state", "sent", "--limit", "5")).isZero();
        assertThat(queries).singleElement().isEqualTo(new HistoryQuery(Optional.of(enterprise), Optional.empty(),
                Optional.of(io.licensenotify.domain.NotificationKind.WEEKLY_DIGEST), Optional.of(DeliveryState.SENT), 0, 5));
        assertThat(out.toString().lines().toList()).hasSize(2);
        assertThat(out.toString()).contains("claimed (UTC)", "2024-05-31T02:05:00Z", "SENT", "WEEKLY_DIGEST", "dispatch-abc");
    }

    @Test
    void historyPrintsJsonLinesForScripts() throws IOException {
        history = List.of(new DeliveryRecord(DeliveryKey.threshold(102, Reports.ACME, 75, Reports.HOOLI),
                DeliveryState.FAILED, 1002, Optional.of(Reports.HOOLI), Instant.parse("2024-05-31T02:05:00Z"),
                Optional.empty(), "run-9", Optional.empty(), 2, Optional.of("HTTP 500")));
        assertThat(run(Map.of(), "history", "--json")).isZero();
        JsonNode line = new ObjectMapper().readTree(out.toString().lines().findFirst().orElseThrow());
        assertThat(line.path("kind").asText()).isEqualTo("UTILIZATION_75");
        assertThat(line.path("ecu_id").asLong()).isEqualTo(102);
        assertThat(line.path("claimed_at").asText()).isEqualTo("2024-05-31T02:05:00Z");
        assertThat(line.path("last_error").asText()).isEqualTo("HTTP 500");
        assertThat(line.path("lms_user_id").asLong()).isEqualTo(1002);
        assertThat(line.has("released_by")).isTrue();
        // snake case throughout, like the run report and the run-error email
        assertThat(line.fieldNames()).toIterable().allMatch(name -> name.matches("[a-z]+(_[a-z]+)*"));
    }

    @Test
    void jsonLogLinesWhenAskedByOptionOrEnvironment() {
        assertThat(run(completeEnv(), "--log-format", "json", "send")).isZero();
        assertThat(logs.toString()).contains("\"level\":\"INFO\"").contains("migrated");
        assertThat(logs.toString().lines()).allMatch(l -> l.startsWith("{"));
        logs.reset();
        Map<String, String> env = completeEnv();
        env.put("LOG_FORMAT", "json");
        assertThat(run(env, "send")).isZero();
        assertThat(logs.toString().lines()).isNotEmpty().allMatch(l -> l.startsWith("{"));
        logs.reset();
        assertThat(run(completeEnv(), "send")).isZero();
        assertThat(logs.toString()).contains(" INFO ").doesNotContain("{\"");
        assertThat(logs.toString()).doesNotContain("s3cret");
    }

    @Test
    void checkShowsTheConfigurationWithSecretsMasked() {
        assertThat(run(completeEnv(), "check")).isZero();
        assertThat(out.toString()).contains("braze.api-key = ****", "No systems to reach").doesNotContain("s3cret");
    }

    @Test
    void aCleartextEndpointOnAnotherHostExitsTwoUnlessAllowedThenEveryRunWarns() {
        Map<String, String> env = completeEnv();
        env.put("LMS_BASE_URL", "http://lms.example.com");
        assertThat(run(env, "send")).isEqualTo(2);
        assertThat(err.toString()).contains("lms.base-url: 'http://lms.example.com'", "https://", "nothing was sent");
        assertThat(requests).isEmpty();
        env.put("SECURITY_ALLOW_HTTP", "true");
        assertThat(run(env, "send")).isZero();
        assertThat(logs.toString()).contains("WARN", "security.allow-http", "lms.base-url");
    }

    @Test
    void anErrorQuotingADatabasePasswordIsPrintedAndLoggedWithoutIt() {
        Map<String, String> env = completeEnv();
        env.put("DB_URL", "jdbc:mariadb://ln:Zebra-Pass-5e1f@db.internal/lm");
        env.put("DB_PASSWORD", "Apart-Pass-77");
        service = day -> {
            org.slf4j.LoggerFactory.getLogger("driver").warn("lost jdbc:h2:tcp://h/x;PASSWORD=Other-Pass-99;X=1");
            throw new IllegalStateException("Incorrect port value : Zebra-Pass-5e1f@db.internal (Apart-Pass-77)",
                    new java.sql.SQLException("in jdbc:postgresql://h/x?user=ln&password=Other-Pass-99"));
        };
        for (String verbose : List.of("--log-format=text", "--log-format=json", "--verbose")) {
            assertThat(run(env, verbose, "send")).isEqualTo(1);
            assertThat(err + logs.toString()).as(verbose).contains("Incorrect port value", "lost jdbc:h2:tcp://h/x")
                    .doesNotContain("Zebra-Pass-5e1f", "Apart-Pass-77", "Other-Pass-99");
        }
        assertThat(err.toString()).contains("Caused by: java.sql.SQLException");
    }
}
