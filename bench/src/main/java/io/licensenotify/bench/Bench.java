package io.licensenotify.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.licensenotify.standin.BrazeStandIn;
import io.licensenotify.standin.LmsStandIn;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * The benchmark: for each size, fills a fresh database, starts the slow LMS and Braze stand-ins and runs
 * the real {@code send} command as its own JVM (the {@code license-notify} launcher, that is
 * {@code java <its defaults> -Xmx.. -jar runner-cli/target/license-notify.jar}),
 * then, with {@code --sequential}, the same on fresh data at concurrency 1. Prints one table and the targets.
 * Run it with {@code ./benchmark --help}.
 */
public final class Bench {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String USAGE = """
            Usage: ./benchmark [--enterprises 1000[,10000,...]] [--db h2|mariadb|postgresql] [--lms-latency-ms 10]
                           [--braze-latency-ms 20] [--concurrency 16] [--sequential] [--xmx 256m]
                           [--braze-rate-limit-per-hour 6100000] [--launcher ./license-notify]
                           [--work DIR] [--java-option X] [--no-build] [--shards N] [--schema NAME]
                           [--batching packed|enterprise]
              --enterprises   sizes to run, comma separated (default 1000)
              --db            where license data and the ledger live (default h2: a file in a temporary folder;
                              mariadb: database <schema> on 127.0.0.1:3306 as root;
                              postgresql: schema <schema> of 127.0.0.1:5432/test as postgres;
                              BENCH_MARIADB_URL/_USER/_PASSWORD, BENCH_POSTGRESQL_URL/_USER/_PASSWORD override)
              --batching      the product's braze.batching (default packed: recipients of many enterprises in
                              one request; enterprise: one enterprise's per request)
              --sequential    also run each size on fresh data with concurrency 1 (the one-by-one reference)
              --shards N      start N send processes at once, shard 0/N to N-1/N, on the same data; print a line
                              per shard and the total (the enterprises' uuids are then spread over the shards;
                              --shards 1 is the unsharded reference on the same uuids)
              --schema NAME   the MariaDB database or PostgreSQL schema the runs use, dropped and filled again
                              (default license_notify_bench)
              --xmx           the product's heap limit (default 256m)
              --work DIR      keep configuration, reports and logs of each run there (default: a temporary folder)
              --launcher F    the product's launcher (default ./license-notify: java with its JVM defaults, then
                              JAVA_OPTS, -jar runner-cli/target/license-notify.jar)
              --java-option X an option for the product's JVM (after -Xmx, in JAVA_OPTS), repeatable; {dir} is the
                              run's folder
                              (e.g. --java-option -XX:StartFlightRecording=filename={dir}/send.jfr)
            """;

    private Bench() {
    }

    record Options(List<Long> sizes, BenchData.Target db, int lmsLatencyMs, int brazeLatencyMs, int concurrency,
                   boolean sequential, String xmx, int rateLimitPerHour, Path launcher, Path work, List<String> javaOptions,
                   int shards, String schema, String batching) {
        boolean packed() {
            return batching.equals("packed");
        }
    }

    /** One run of the product and what was measured around it. */
    record Result(long enterprises, int concurrency, int exitCode, long admins, long lmsRequests, long brazeRequests,
                  long brazeMinimum, long brazeRefused, long messagesSent, long due, long sent, long failures,
                  long sqlStatements, long sqlLicenseData, double wallSeconds, double runSeconds, long heapPeakBytes,
                  long heapMaxBytes, double cpuSeconds, long maxPerMinute, long maxPerHour, double boundSeconds,
                  long brazeAllowed, double migrateSeconds, MachineCpu machine) {
    }

    public static void main(String[] args) throws Exception {
        Options o;
        try {
            o = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
            return;
        }
        if (o == null) {
            System.out.print(USAGE);
            return;
        }
        if (!Files.isExecutable(o.launcher())) {
            System.err.println("bench: the launcher " + o.launcher() + " is missing (run from the repository root)");
            System.exit(2);
        }
        Files.createDirectories(o.work());
        List<Result[]> rows = new ArrayList<>();
        if (o.shards() > 0) {
            for (long n : o.sizes()) ShardsBench.run(o, n);
            System.out.println("Runs kept in " + o.work());
            return;
        }
        for (long n : o.sizes()) {
            Result concurrent = run(o, n, o.concurrency());
            Result sequential = o.sequential() ? run(o, n, 1) : null;
            rows.add(new Result[] {concurrent, sequential});
        }
        System.out.println();
        System.out.print(BenchReport.table(o, rows));
        System.out.println();
        System.out.print(BenchReport.targets(o, rows));
        System.out.println();
        System.out.println("Runs kept in " + o.work());
    }

    static Options parse(String[] args) {
        List<Long> sizes = List.of(1_000L);
        BenchData.Target db = BenchData.Target.H2;
        int lms = 10, braze = 20, concurrency = 16, rate = 6_100_000, shards = 0;
        String schema = "license_notify_bench";
        String batching = "packed";
        boolean sequential = false;
        String xmx = "256m";
        Path launcher = Paths.get("license-notify");
        Path work = null;
        List<String> javaOptions = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "-h", "--help" -> {
                    return null;
                }
                case "--sequential" -> sequential = true;
                case "--enterprises" -> sizes = Arrays.stream(value(args, ++i, a).split(","))
                        .map(s -> Long.parseLong(s.trim().replace("_", ""))).toList();
                case "--db" -> db = BenchData.Target.parse(value(args, ++i, a));
                case "--lms-latency-ms" -> lms = Integer.parseInt(value(args, ++i, a));
                case "--braze-latency-ms" -> braze = Integer.parseInt(value(args, ++i, a));
                case "--concurrency" -> concurrency = Integer.parseInt(value(args, ++i, a));
                case "--xmx" -> xmx = value(args, ++i, a);
                case "--braze-rate-limit-per-hour" -> rate = Integer.parseInt(value(args, ++i, a));
                case "--launcher" -> launcher = Paths.get(value(args, ++i, a));
                case "--work" -> work = Paths.get(value(args, ++i, a));
                case "--java-option" -> javaOptions.add(value(args, ++i, a));
                case "--shards" -> shards = Integer.parseInt(value(args, ++i, a));
                case "--schema" -> schema = value(args, ++i, a);
                case "--batching" -> batching = value(args, ++i, a);
                default -> throw new IllegalArgumentException("unknown option " + a);
            }
        }
        if (sizes.stream().anyMatch(n -> n < 1)) throw new IllegalArgumentException("--enterprises must be positive");
        if (shards < 0 || shards > 64) throw new IllegalArgumentException("--shards must be from 1 to 64");
        if (!schema.matches("[a-z_][a-z0-9_]{0,62}"))
            throw new IllegalArgumentException("--schema must be lower-case letters, digits and _, was " + schema);
        if (!batching.equals("packed") && !batching.equals("enterprise"))
            throw new IllegalArgumentException("--batching must be packed or enterprise, was " + batching);
        if (shards > 0 && sequential) throw new IllegalArgumentException("--shards and --sequential do not go together");
        try {
            if (work == null) work = Files.createTempDirectory("license-notify-bench-");
        } catch (IOException e) {
            throw new IllegalArgumentException("no temporary folder: " + e.getMessage());
        }
        return new Options(sizes, db, lms, braze, concurrency, sequential, xmx, rate, launcher, work, javaOptions, shards,
                schema, batching);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) throw new IllegalArgumentException(option + " needs a value");
        return args[i];
    }

    static Result run(Options o, long n, int concurrency) throws Exception {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Path dir = o.work().resolve(n + "-" + o.db().name().toLowerCase(Locale.ROOT) + "-c" + concurrency);
        Files.createDirectories(dir);
        log("%,d enterprises on %s, concurrency %d: filling the database", n, o.db(), concurrency);
        long t0 = System.nanoTime();
        BenchData.Jdbc jdbc = BenchData.prepare(o.db(), dir, o.schema());
        BenchData.fill(o.db(), jdbc, n, today, false);
        log("  filled in %.1f s; running send (-Xmx%s)", seconds(System.nanoTime() - t0), o.xmx());

        try (LmsStandIn lms = StandIns.lms(n, o.lmsLatencyMs(), today.minusDays(30).atTime(10, 0).toInstant(ZoneOffset.UTC));
             BrazeStandIn braze = StandIns.braze(o.brazeLatencyMs())) {
            Path config = dir.resolve("bench.properties");
            writeConfig(config, o, jdbc, lms, braze, concurrency);
            Path report = dir.resolve("report.json");
            Files.deleteIfExists(report);
            // the ledger's tables are made first, by their own command, as on every day after the first: the timed
            // send then does what a daily run does (BENCHMARKS.md, "How the runs are timed")
            long migrating = System.nanoTime();
            int migrated = product(o, dir, List.of("-Xmx" + o.xmx()), "migrate", "--config", config.toString(),
                    "migrate")
                    .waitFor();
            double migrateSeconds = seconds(System.nanoTime() - migrating);
            if (migrated != 0)
                throw new IllegalStateException("migrate exited " + migrated + "; see " + dir.resolve("migrate-stderr.txt"));
            // the launcher cron calls: java with the product's JVM defaults, then JAVA_OPTS, -jar the product's jar
            List<String> javaOptions = new ArrayList<>(List.of("-Xmx" + o.xmx()));
            for (String option : o.javaOptions()) javaOptions.add(option.replace("{dir}", dir.toString()));
            MachineCpu before = MachineCpu.now();
            long start = System.nanoTime();
            Process process = product(o, dir, javaOptions, "send", "--config", config.toString(), "send", "--as-of",
                    today.toString(), "--report", report.toString());
            while (!process.waitFor(30, TimeUnit.SECONDS))
                log("  ... %.0f s, Braze requests so far %,d", seconds(System.nanoTime() - start), braze.requestCount());
            double wall = seconds(System.nanoTime() - start);
            MachineCpu machine = MachineCpu.now().since(before);
            int exit = process.exitValue();
            if (!Files.isRegularFile(report))
                throw new IllegalStateException("send exited " + exit + " without a report; see " + dir.resolve("stderr.txt"));
            JsonNode r = JSON.readTree(report.toFile());
            JsonNode m = r.path("metrics");
            long lmsRequests = lms.learnerRequests();
            long brazeRequests = braze.requestCount();
            double bound = (lmsRequests * o.lmsLatencyMs() + brazeRequests * (double) o.brazeLatencyMs())
                    / concurrency / 1000.0;
            Result result = new Result(n, concurrency, exit, r.path("admins").path("seen").asLong(), lmsRequests,
                    brazeRequests, o.packed() ? StandIns.minimumPackedRequests(braze) : StandIns.minimumRequests(braze),
                    braze.refusedCount(), r.path("messages_sent").asLong(),
                    r.path("deliveries").path("total").path("due").asLong(),
                    r.path("deliveries").path("total").path("sent").asLong(),
                    r.path("failures").size() + r.path("uncertain").size(),
                    m.path("sql_statements").asLong(-1), m.path("sql_statements_reading_license_data").asLong(-1),
                    wall, r.path("elapsed_seconds").asDouble(), m.path("heap_peak_bytes").asLong(),
                    m.path("heap_max_bytes").asLong(), m.path("cpu_seconds").asDouble(-1), StandIns.maxInAnyWindow(braze, 60_000),
                    StandIns.maxInAnyWindow(braze, 3_600_000),
                    bound, o.packed() ? StandIns.minimumPackedRequests(braze) + StandIns.campaigns(braze) * (long) concurrency
                            : StandIns.minimumRequests(braze), migrateSeconds, machine);
            log("  exit %d in %.1f s (run %.1f s): %,d LMS, %,d Braze requests, %,d sent of %,d due", exit, wall,
                    result.runSeconds(), lmsRequests, brazeRequests, result.sent(), result.due());
            log("  %s", machine.describe(result.cpuSeconds()));
            return result;
        }
    }

    /**
     * Starts the product through the launcher, with {@code javaOptions} as its JAVA_OPTS, its output in the folder
     * ({@code name}-stdout.txt and -stderr.txt; the send's as stdout.txt and stderr.txt).
     */
    private static Process product(Options o, Path dir, List<String> javaOptions, String name, String... args)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(o.launcher().toAbsolutePath().toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("JAVA_OPTS", String.join(" ", javaOptions));
        pb.environment().put("PATH", Paths.get(System.getProperty("java.home"), "bin") + java.io.File.pathSeparator
                + System.getenv().getOrDefault("PATH", ""));
        String prefix = name.equals("send") ? "" : name + "-";
        return pb.redirectOutput(dir.resolve(prefix + "stdout.txt").toFile())
                .redirectError(dir.resolve(prefix + "stderr.txt").toFile())
                .start();
    }

    static void writeConfig(Path file, Options o, BenchData.Jdbc jdbc, LmsStandIn lms, BrazeStandIn braze,
                                    int concurrency) throws IOException {
        Map<String, String> c = new LinkedHashMap<>(StandIns.config(lms, braze));
        c.put("db.url", jdbc.url());
        c.put("db.user", jdbc.user());
        c.put("db.password", jdbc.password());
        c.put("braze.rate-limit-per-hour", Integer.toString(o.rateLimitPerHour()));
        c.put("braze.campaign.utilization-75", "bench-utilization-75");
        c.put("braze.campaign.utilization-100", "bench-utilization-100");
        c.put("braze.campaign.weekly-digest", "bench-weekly-digest");
        c.put("notify.error-recipients", "bench-oncall");
        c.put("notify.concurrency", Integer.toString(concurrency));
        // the default is left unwritten, so that --launcher can run a build that predates the key
        if (!o.packed()) c.put("braze.batching", o.batching());
        c.put("admin-portal.base-url", "https://portal.bench.example");
        Properties p = new Properties();
        p.putAll(c);
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            p.store(w, "license-notify benchmark");
        }
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }

    static double seconds(long nanos) {
        return nanos / 1e9;
    }

    static void log(String format, Object... args) {
        System.err.println("bench: " + f(format, args));
    }
}
