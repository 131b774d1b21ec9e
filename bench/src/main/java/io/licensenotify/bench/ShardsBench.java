package io.licensenotify.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.licensenotify.bench.Bench.Options;
import io.licensenotify.standin.BrazeStandIn;
import io.licensenotify.standin.LmsStandIn;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * {@code ./benchmark --shards N}: fills the database once with enterprises whose uuids are spread over
 * the shards, starts N {@code send --shard i/N} processes at once against the same stand-ins, and prints a line per
 * shard (its wall time, CPU, deliveries, LMS and Braze requests) and the total, where the wall time is from the
 * first start to the last exit and the rest are sums. The LMS requests of each shard are counted by the LMS stand-in
 * from the enterprise asked about, so that "each enterprise asked once" is checked, not assumed.
 */
final class ShardsBench {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ShardsBench() {
    }

    /** One shard's process and what it reported. */
    record Shard(String shard, int exit, double wallSeconds, double cpuSeconds, long enterprises, long due, long sent,
                 long failures, long lmsRequests, long brazeRequests, long sqlStatements) {
    }

    static void run(Options o, long n) throws Exception {
        int shards = o.shards();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Path dir = o.work().resolve(n + "-" + o.db().name().toLowerCase(Locale.ROOT) + "-shards" + shards);
        Files.createDirectories(dir);
        Bench.log("%,d enterprises on %s, %d shards at concurrency %d each: filling the database", n, o.db(), shards,
                o.concurrency());
        BenchData.Jdbc jdbc = BenchData.prepare(o.db(), dir, o.schema());
        BenchData.fill(o.db(), jdbc, n, today, true);
        AtomicLongArray asked = new AtomicLongArray(shards);
        try (LmsStandIn lms = StandIns.lms(n, o.lmsLatencyMs(), today.minusDays(30).atTime(10, 0).toInstant(ZoneOffset.UTC),
                uuid -> asked.incrementAndGet(shardOf(uuid, shards)));
             BrazeStandIn braze = StandIns.braze(o.brazeLatencyMs())) {
            Path config = dir.resolve("bench.properties");
            Bench.writeConfig(config, o, jdbc, lms, braze, o.concurrency());
            List<Process> processes = new ArrayList<>();
            long[] started = new long[shards];
            double[] wall = new double[shards];
            AtomicLongArray ended = new AtomicLongArray(shards);
            List<java.util.concurrent.CompletableFuture<Void>> exits = new ArrayList<>();
            long start = System.nanoTime();
            for (int i = 0; i < shards; i++) {
                Path report = dir.resolve("report-" + i + ".json");
                Files.deleteIfExists(report);
                ProcessBuilder pb = new ProcessBuilder(o.launcher().toAbsolutePath().toString(), "--config",
                        config.toString(), "send", "--as-of", today.toString(), "--shard", i + "/" + shards,
                        "--report", report.toString());
                List<String> javaOptions = new ArrayList<>(List.of("-Xmx" + o.xmx()));
                for (String option : o.javaOptions()) javaOptions.add(option.replace("{dir}", dir.toString()));
                pb.environment().put("JAVA_OPTS", String.join(" ", javaOptions));
                pb.environment().put("PATH", Paths.get(System.getProperty("java.home"), "bin") + File.pathSeparator
                        + System.getenv().getOrDefault("PATH", ""));
                pb.redirectOutput(dir.resolve("stdout-" + i + ".txt").toFile())
                        .redirectError(dir.resolve("stderr-" + i + ".txt").toFile());
                started[i] = System.nanoTime();
                processes.add(pb.start());
                int shard = i;
                exits.add(processes.get(i).onExit().thenRun(() -> ended.set(shard, System.nanoTime())));
            }
            for (Process p : processes)
                while (!p.waitFor(30, TimeUnit.SECONDS))
                    Bench.log("  ... %.0f s, Braze requests so far %,d", Bench.seconds(System.nanoTime() - start),
                            braze.requestCount());
            exits.forEach(java.util.concurrent.CompletableFuture::join);
            long last = 0;
            for (int i = 0; i < shards; i++) {
                wall[i] = Bench.seconds(ended.get(i) - started[i]);
                last = Math.max(last, ended.get(i));
            }
            double total = Bench.seconds(last - start);
            List<Shard> results = new ArrayList<>();
            for (int i = 0; i < shards; i++) {
                Path report = dir.resolve("report-" + i + ".json");
                int exit = processes.get(i).exitValue();
                if (!Files.isRegularFile(report))
                    throw new IllegalStateException("shard " + i + "/" + shards + " exited " + exit
                            + " without a report; see " + dir.resolve("stderr-" + i + ".txt"));
                JsonNode r = JSON.readTree(report.toFile());
                JsonNode m = r.path("metrics");
                // --shard 0/1 is the whole: its report has no shard
                results.add(new Shard(r.path("shard").isTextual() ? r.path("shard").asText() : "0/1", exit, wall[i], m.path("cpu_seconds").asDouble(-1),
                        r.path("enterprises").path("seen").asLong(), r.path("deliveries").path("total").path("due").asLong(),
                        r.path("deliveries").path("total").path("sent").asLong(),
                        r.path("failures").size() + r.path("uncertain").size(), asked.get(i),
                        r.path("braze_requests").asLong(), m.path("sql_statements").asLong(-1)));
            }
            System.out.println();
            System.out.print(table(o, n, results, total, lms.learnerRequests(), braze.requestCount(),
                    StandIns.minimumRequests(braze)));
        }
    }

    /** The shard of a uuid, as the product computes it: its first 32 bits, unsigned, modulo the count. */
    static int shardOf(UUID uuid, int shards) {
        return (int) ((uuid.getMostSignificantBits() >>> 32) % shards);
    }

    static String table(Options o, long n, List<Shard> shards, double wallSeconds, long lmsTotal, long brazeTotal,
                        long brazeMinimum) {
        StringBuilder out = new StringBuilder(f("license-notify benchmark, %d shards at once: %,d enterprises, %s, LMS"
                + " latency %d ms, Braze latency %d ms, concurrency %d per shard, -Xmx%s each%n", shards.size(), n,
                o.db(), o.lmsLatencyMs(), o.brazeLatencyMs(), o.concurrency(), o.xmx()));
        out.append(f("| %-6s | %11s | %6s | %6s | %8s | %8s | %7s | %9s | %9s | %4s |%n", "shard", "enterprises",
                "wall s", "CPU s", "due", "sent", "failed", "LMS req", "Braze req", "exit"));
        out.append("|--------|------------:|-------:|-------:|---------:|---------:|--------:|----------:|----------:|-----:|\n");
        double cpu = 0;
        long enterprises = 0, due = 0, sent = 0, failed = 0, braze = 0;
        boolean allZero = true;
        for (Shard s : shards) {
            out.append(f("| %-6s | %,11d | %6.1f | %6.1f | %,8d | %,8d | %,7d | %,9d | %,9d | %4d |%n", s.shard(),
                    s.enterprises(), s.wallSeconds(), s.cpuSeconds(), s.due(), s.sent(), s.failures(), s.lmsRequests(),
                    s.brazeRequests(), s.exit()));
            cpu += s.cpuSeconds();
            enterprises += s.enterprises();
            due += s.due();
            sent += s.sent();
            failed += s.failures();
            braze += s.brazeRequests();
            allZero &= s.exit() == 0;
        }
        out.append(f("| %-6s | %,11d | %6.1f | %6.1f | %,8d | %,8d | %,7d | %,9d | %,9d | %4s |%n", "total", enterprises,
                wallSeconds, cpu, due, sent, failed, lmsTotal, brazeTotal, allZero ? "0" : "!"));
        out.append("wall = from the first start to the last exit (total) or the shard's process from start to exit;"
                + " CPU s = each process's CPU time (total: the sum); Braze req of a shard = its report's, total = the"
                + " stand-in's (run-error emails included).\n");
        out.append(line(enterprises == n, f("the shards together saw %,d of %,d enterprises", enterprises, n)));
        out.append(line(lmsTotal == n, f("the LMS was asked %,d times for %,d enterprises (each once)", lmsTotal, n)));
        out.append(line(sent == due && failed == 0 && allZero, f("%,d of %,d due deliveries sent, %d failed or"
                + " uncertain", sent, due, failed)));
        out.append(line(brazeTotal == brazeMinimum, f("Braze requests %,d, minimum %,d", brazeTotal, brazeMinimum)));
        out.append(f("CPU per enterprise: %.2f ms%n", cpu * 1000 / n));
        return out.toString();
    }

    private static String line(boolean met, String text) {
        return (met ? "  [met]     " : "  [NOT MET] ") + text + "\n";
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
