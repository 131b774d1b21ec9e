package io.licensenotify.cli;

import io.licensenotify.cli.config.Config;
import io.licensenotify.cli.config.Key;
import io.licensenotify.cli.config.Keys;
import io.licensenotify.cli.wiring.AppFactory;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The files in {@code deploy/} work with this program (docs/operating.md "Running it from cron" and the deploy table). The properties example passes the real
 * validation; the CronJob's command is a command of this program, its environment names are this program's keys,
 * its secrets come from a Secret and its grace period outlasts the program's; the Dockerfile and the systemd units
 * run the launcher (and so its JVM options) as a non-root user. Nothing here builds an image: no container engine.
 */
class DeployFilesTest {
    private static final Path DEPLOY = Path.of("../deploy");
    /** Secrets as an operator would set them in the environment, never in the file. */
    private static final Map<String, String> SECRETS = Map.of("DB_PASSWORD", "placeholder-db-password",
            "LMS_OAUTH_CLIENT_SECRET", "placeholder-client-secret", "BRAZE_API_KEY", "placeholder-api-key");
    /** Environment variables read outside the key registry: the log format and the launcher's JVM options. */
    private static final Set<String> OTHER_ENVIRONMENT = Set.of("LOG_FORMAT", "JAVA_OPTS");

    @Test
    void thePropertiesExampleNamesEveryKeyWithItsDefaultAndPassesTheRealValidation() throws IOException {
        Path example = DEPLOY.resolve("license-notify.properties.example");
        List<String> lines = Files.readAllLines(example);

        Config config = Config.load(Optional.of(example), SECRETS);

        assertThat(config.problems(Config.Needs.EVERYTHING)).isEmpty();
        assertThat(config.warnings()).as("unknown keys, secrets in a file others read").isEmpty();
        for (Key<?> key : Keys.ALL) {
            int at = indexOf(lines, "^#?" + Pattern.quote(key.name()) + "=.*");
            assertThat(at).as("a line setting or showing %s", key.name()).isPositive();
            String comment = lines.get(at - 1);
            assertThat(comment).as("the comment above %s", key.name()).startsWith("# " + key.name() + ": ")
                    .endsWith(key.documentedDefault().equals("required") ? "; required"
                            : "; default: " + key.documentedDefault().replace("`", ""));
            if (key.isSecret()) assertThat(lines.get(at)).as("a secret is never set in the file").startsWith("#");
        }
    }

    @Test
    void theCronJobRunsACommandOfThisProgramWithItsKeysSecretsFromASecretAndALongerGrace() throws IOException {
        checkCronJob("cronjob.yaml");
    }

    @Test
    void theShardedCronJobIsAnIndexedJobWhosePodsEachTakeOneShardOfTheAccountsRateLimit() throws IOException {
        Map<String, Object> cronJob = new Yaml().load(Files.readString(DEPLOY.resolve("cronjob-sharded.yaml")));
        Map<String, Object> job = map(map(map(cronJob, "spec"), "jobTemplate"), "spec");
        Config config = checkCronJob("cronjob-sharded.yaml");
        int shards = config.get(Keys.NOTIFY_SHARDS);

        assertThat(job.get("completionMode")).isEqualTo("Indexed");
        // one shard's exit 1 (an enterprise's LMS lookup failed: routine) ends that index only, never its siblings
        assertThat(job.get("backoffLimitPerIndex")).as("backoffLimitPerIndex").isEqualTo(0);
        assertThat(job).as("a job-wide backoffLimit would fail the Job, killing the other shards mid-run")
                .doesNotContainKey("backoffLimit");
        assertThat(job).as("maxFailedIndexes would stop the other shards too").doesNotContainKey("maxFailedIndexes");
        List<Map<String, Object>> rules = list(map(job, "podFailurePolicy"), "rules");
        assertThat(rules).as("a pod evicted or preempted is started again, without counting as a failure")
                .anySatisfy(rule -> {
                    assertThat(rule.get("action")).isEqualTo("Ignore");
                    assertThat(String.valueOf(rule.get("onPodConditions"))).contains("DisruptionTarget");
                });
        assertThat(rules).as("a configuration error (exit 2) is the same for every shard: the whole Job fails")
                .anySatisfy(rule -> {
                    assertThat(rule.get("action")).isEqualTo("FailJob");
                    assertThat(String.valueOf(rule.get("onExitCodes"))).contains("In").contains("2");
                });
        assertThat(Files.readString(DEPLOY.resolve("cronjob-sharded.yaml")))
                .as("the Kubernetes version backoffLimitPerIndex needs").containsPattern("Kubernetes 1\\.\\d\\d");
        assertThat(shards).as("NOTIFY_SHARDS").isGreaterThan(1);
        assertThat(job.get("completions")).as("completions").isEqualTo(shards);
        assertThat(job.get("parallelism")).as("parallelism").isEqualTo(shards);
        assertThat((long) config.get(Keys.BRAZE_RATE_LIMIT_PER_HOUR) * shards)
                .as("the shards together stay under the account's limit")
                .isLessThanOrEqualTo(io.licensenotify.adapter.braze.BrazeSettings.DEFAULT_RATE_LIMIT_PER_HOUR);
        // each pod's JOB_COMPLETION_INDEX makes it one shard, and together they are every shard once
        Set<io.licensenotify.domain.Shard> taken = new java.util.HashSet<>();
        for (int index = 0; index < shards; index++)
            taken.add(ShardChoice.choose(Optional.empty(), shards, Map.of(ShardChoice.INDEX_ENV, "" + index), false));
        assertThat(taken).hasSize(shards).allMatch(s -> s.count() == shards);
    }

    /** The checks every CronJob of deploy/ passes; returns the configuration its container's environment makes. */
    private Config checkCronJob(String file) throws IOException {
        Map<String, Object> cronJob = new Yaml().load(Files.readString(DEPLOY.resolve(file)));
        Map<String, Object> spec = map(cronJob, "spec");
        Map<String, Object> job = map(map(spec, "jobTemplate"), "spec");
        Map<String, Object> pod = map(map(job, "template"), "spec");
        Map<String, Object> container = list(pod, "containers").get(0);

        assertThat(cronJob.get("kind")).isEqualTo("CronJob");
        assertThat(spec.get("concurrencyPolicy")).isEqualTo("Forbid");
        if (!"Indexed".equals(job.get("completionMode")))
            assertThat(job.get("backoffLimit")).as("a failed run is not retried in a loop").isEqualTo(0);
        assertThat(pod.get("restartPolicy")).isEqualTo("Never");
        // a hung run cannot hold back every later run under Forbid: the Job ends (SIGTERM, then the grace) in time
        // for the next day's schedule, counting the wait of startingDeadlineSeconds
        assertThat(job.get("activeDeadlineSeconds")).as("activeDeadlineSeconds").isInstanceOf(Number.class);
        long deadline = ((Number) job.get("activeDeadlineSeconds")).longValue();
        assertThat(deadline + ((Number) spec.get("startingDeadlineSeconds")).longValue())
                .as("the deadline and the start's delay fit in a day").isLessThan(Duration.ofDays(1).toSeconds());
        assertThat(deadline).as("long enough for 100,000 enterprises (BENCHMARKS.md)").isGreaterThan(3600);
        // Kubernetes' "restricted" Pod Security Standard
        Map<String, Object> podSecurity = map(pod, "securityContext");
        assertThat(podSecurity.get("runAsNonRoot")).isEqualTo(true);
        assertThat(((Number) podSecurity.get("runAsUser")).longValue()).isPositive();
        assertThat(map(podSecurity, "seccompProfile").get("type")).isEqualTo("RuntimeDefault");
        Map<String, Object> containerSecurity = map(container, "securityContext");
        assertThat(containerSecurity.get("allowPrivilegeEscalation")).isEqualTo(false);
        assertThat(String.valueOf(map(containerSecurity, "capabilities").get("drop"))).isEqualTo("[ALL]");
        @SuppressWarnings("unchecked") List<String> args = (List<String>) container.get("args");
        assertThat(commands()).as("the program's commands").contains(args.get(0));
        assertThat(args.get(0)).isIn("send", "send-license-consumption-notifications");

        Map<String, String> environment = new HashMap<>(SECRETS);
        Set<String> fromSecrets = new TreeSet<>();
        for (Map<String, Object> variable : list(container, "env")) {
            String name = (String) variable.get("name");
            assertThat(knownEnvironment()).as("%s is an environment name of this program", name).contains(name);
            if (variable.containsKey("valueFrom")) {
                assertThat(map(map(variable, "valueFrom"), "secretKeyRef").get("name")).isEqualTo("license-notify");
                fromSecrets.add(name);
            } else {
                environment.put(name, String.valueOf(variable.get("value")));
            }
        }
        Set<String> secretNames = new TreeSet<>();
        Keys.ALL.stream().filter(Key::isSecret).forEach(k -> secretNames.add(Config.envName(k.name())));
        assertThat(fromSecrets).as("every secret from the Secret, and only secrets").isEqualTo(secretNames);

        Config config = Config.of(Map.of(), environment);
        assertThat(config.problems(Config.Needs.EVERYTHING)).as("the job's configuration").isEmpty();
        Duration grace = config.get(Keys.SHUTDOWN_GRACE);
        assertThat(Duration.ofSeconds(((Number) pod.get("terminationGracePeriodSeconds")).longValue()))
                .as("Kubernetes' grace outlasts notify.shutdown-grace, with time to write the report")
                .isGreaterThanOrEqualTo(grace.plusSeconds(10));
        checkHeap(container);
        return config;
    }

    /**
     * The heap follows the container's memory limit, and is at least the -Xmx the benchmark ran 100,000 enterprises
     * under (BENCHMARKS.md: 256 MiB, 40-46 MiB live), leaving as much again for the rest of the JVM.
     */
    private static void checkHeap(Map<String, Object> container) {
        Map<String, String> environment = new HashMap<>();
        for (Map<String, Object> variable : list(container, "env"))
            if (variable.containsKey("value")) environment.put((String) variable.get("name"), "" + variable.get("value"));
        Matcher percentage = Pattern.compile("-XX:MaxRAMPercentage=(\\d+(?:\\.\\d+)?)")
                .matcher(environment.getOrDefault("JAVA_OPTS", ""));
        assertThat(percentage.find()).as("JAVA_OPTS sets -XX:MaxRAMPercentage").isTrue();
        String limit = String.valueOf(map(map(container, "resources"), "limits").get("memory"));
        assertThat(limit).as("the memory limit, in Mi").matches("\\d+Mi");
        double limitMiB = Double.parseDouble(limit.replace("Mi", ""));
        double heapMiB = limitMiB * Double.parseDouble(percentage.group(1)) / 100;
        assertThat(heapMiB).as("the heap the limit gives").isGreaterThanOrEqualTo(256);
        assertThat(limitMiB - heapMiB).as("what the limit leaves beside the heap").isGreaterThanOrEqualTo(256);
    }

    @Test
    void theImageIsBuiltFromTheJarAloneNeverTheRepositoryHistoryOrBuildTrees() throws IOException {
        List<String> ignore = Files.readAllLines(Path.of("../.dockerignore"));
        assertThat(ignore).as(".dockerignore").contains(".git", "**/target", "!runner-cli/target/license-notify.jar");
        assertThat(ignore.indexOf("!runner-cli/target/license-notify.jar"))
                .as("the jar the Dockerfile copies is let back in after the build trees are left out")
                .isGreaterThan(ignore.indexOf("**/target"));
    }

    @Test
    void theReadmesCronLinesLockAFileTheServiceUserCanCreate() throws IOException {
        Matcher flock = Pattern.compile("flock -n -E 75 (\\S+)").matcher(Files.readString(Path.of("../README.md")) + Files.readString(Path.of("../docs/operating.md")));
        int seen = 0;
        while (flock.find()) {
            seen++;
            // /run, /var/run and /var/lock are root's: a service user's flock fails there (exit 66) every night
            assertThat(flock.group(1)).as("the lock file").doesNotStartWith("/run/").doesNotStartWith("/var/run/")
                    .doesNotStartWith("/var/lock/").startsWith("\"$HOME/");
        }
        assertThat(seen).as("cron lines with flock in the README").isGreaterThanOrEqualTo(2);
    }

    @Test
    void theImageRunsTheLauncherAndTheJarAsANonRootUserOnAJre17() throws IOException {
        String dockerfile = Files.readString(DEPLOY.resolve("Dockerfile"));

        assertThat(dockerfile).containsPattern("(?m)^FROM eclipse-temurin:17-jre")
                .contains("COPY license-notify /opt/license-notify/license-notify",
                        "COPY runner-cli/target/license-notify.jar /opt/license-notify/runner-cli/target/license-notify.jar")
                .containsPattern("(?m)^ENTRYPOINT \\[\"/opt/license-notify/license-notify\"]")
                .containsPattern("(?m)^CMD \\[\"send\"]");
        Matcher user = Pattern.compile("(?m)^USER (\\S+)").matcher(dockerfile);
        assertThat(user.find()).isTrue();
        assertThat(user.group(1)).doesNotStartWith("root").doesNotStartWith("0:").isNotEqualTo("0");
        // the launcher the image runs is the one whose JVM options the README and the benchmark describe
        assertThat(Files.readString(Path.of("../license-notify")))
                .contains("defaults=\"-XX:TieredStopAtLevel=1 -XX:+UseSerialGC\"",
                        "exec java $defaults ${shared[@]+\"${shared[@]}\"} ${JAVA_OPTS:-} -jar");
    }

    @Test
    void theSystemdServiceRunsSendOnceAtATimeAndStopsGracefully() throws IOException {
        String service = Files.readString(DEPLOY.resolve("license-notify.service"));
        String timer = Files.readString(DEPLOY.resolve("license-notify.timer"));

        Matcher exec = Pattern.compile("(?m)^ExecStart=(\\S+) .*--config \\S+ (\\S+)").matcher(service);
        assertThat(exec.find()).as(service).isTrue();
        assertThat(exec.group(1)).endsWith("/license-notify");
        assertThat(commands()).contains(exec.group(2));
        // a oneshot service is active until its run ends: the timer never starts a second one meanwhile
        assertThat(service).containsPattern("(?m)^Type=oneshot$").containsPattern("(?m)^User=license-notify$")
                .containsPattern("(?m)^KillSignal=SIGTERM$");
        Matcher stop = Pattern.compile("(?m)^TimeoutStopSec=(\\d+)$").matcher(service);
        assertThat(stop.find()).isTrue();
        assertThat(Duration.ofSeconds(Long.parseLong(stop.group(1))))
                .isGreaterThanOrEqualTo(Config.of(Map.of(), Map.of()).get(Keys.SHUTDOWN_GRACE).plusSeconds(10));
        assertThat(timer).containsPattern("(?m)^OnCalendar=.+").contains("Unit=license-notify.service",
                "WantedBy=timers.target");
    }

    /** The names the command line takes: subcommands and their aliases. */
    private static Set<String> commands() {
        CliEnvironment env = new CliEnvironment(Map.of(), Clock.systemUTC(), new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter()));
        return LicenseNotify.commandLine(env, (AppFactory) null, new ByteArrayOutputStream()).getSubcommands().keySet();
    }

    private static Set<String> knownEnvironment() {
        Set<String> names = new TreeSet<>(OTHER_ENVIRONMENT);
        Keys.ALL.forEach(k -> names.add(Config.envName(k.name())));
        for (String kind : List.of("utilization-75", "utilization-100"))
            names.add(Config.envName("braze.campaign." + kind));
        return names;
    }

    private static int indexOf(List<String> lines, String regex) {
        for (int i = 0; i < lines.size(); i++) if (lines.get(i).matches(regex)) return i;
        return -1;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> parent, String key) {
        Object value = parent.get(key);
        assertThat(value).as(key).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Map<String, Object> parent, String key) {
        Object value = parent.get(key);
        assertThat(value).as(key).isInstanceOf(List.class);
        return new ArrayList<>((List<Map<String, Object>>) value);
    }
}
