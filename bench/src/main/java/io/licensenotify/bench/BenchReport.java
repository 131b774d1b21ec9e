package io.licensenotify.bench;

import io.licensenotify.bench.Bench.Options;
import io.licensenotify.bench.Bench.Result;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The benchmark's table of runs and whether each target was met. */
final class BenchReport {
    private BenchReport() {
    }

    static String table(Options o, List<Result[]> rows) {
        String[] head = {"enterprises", "admins", "LMS req", "Braze req", "Braze min", "SQL stmts", "SQL license",
                "migrate s", "wall s", "run s", "CPU s", "peak heap", "bound s", "wall/bound", "seq wall s", "seq/wall", "exit"};
        List<String[]> lines = new ArrayList<>();
        for (Result[] row : rows) {
            Result r = row[0];
            Result s = row[1];
            lines.add(new String[] {f("%,d", r.enterprises()), f("%,d", r.admins()), f("%,d", r.lmsRequests()),
                    f("%,d", r.brazeRequests()), f("%,d", r.brazeMinimum()), f("%,d", r.sqlStatements()),
                    f("%d", r.sqlLicenseData()), f("%.1f", r.migrateSeconds()), f("%.1f", r.wallSeconds()), f("%.1f", r.runSeconds()), f("%.1f", r.cpuSeconds()),
                    f("%d/%d MiB", r.heapPeakBytes() >> 20, r.heapMaxBytes() >> 20), f("%.1f", r.boundSeconds()),
                    f("%.2f", r.wallSeconds() / r.boundSeconds()),
                    s == null ? "-" : f("%.1f", s.wallSeconds()),
                    s == null ? "-" : f("%.1f", s.wallSeconds() / r.wallSeconds()),
                    s == null ? f("%d", r.exitCode()) : f("%d/%d", r.exitCode(), s.exitCode())});
        }
        StringBuilder out = new StringBuilder(f("license-notify benchmark: %s, LMS latency %d ms, Braze latency %d ms,"
                + " concurrency %d, -Xmx%s, braze.rate-limit-per-hour %,d, braze.batching %s%n", o.db(), o.lmsLatencyMs(),
                o.brazeLatencyMs(), o.concurrency(), o.xmx(), o.rateLimitPerHour(), o.batching()));
        int[] width = new int[head.length];
        List<String[]> all = new ArrayList<>();
        all.add(head);
        all.addAll(lines);
        for (String[] line : all) for (int i = 0; i < line.length; i++) width[i] = Math.max(width[i], line[i].length());
        for (String[] line : all) {
            StringBuilder s = new StringBuilder("|");
            for (int i = 0; i < line.length; i++) s.append(' ').append(pad(line[i], width[i], i == 0 && line == head)).append(" |");
            out.append(s).append('\n');
            if (line == head) {
                StringBuilder rule = new StringBuilder("|");
                for (int w : width) rule.append('-').append("-".repeat(w)).append(":|");
                out.append(rule).append('\n');
            }
        }
        out.append("bound = (LMS req x LMS latency + Braze req x Braze latency) / concurrency; migrate s = `license-notify"
                + " migrate` before it (its own process, as on the first day);\nwall = the send process from start to exit"
                + " (JVM start included; the ledger's schema in place, as on every day after the first); run = the run inside it;\n"
                + "CPU s = the send process's CPU time (all threads, JIT and GC; independent of other load on the machine);\n"
                + "Braze min = sum over campaign and enterprise of ceil(recipients / 50) (packed: over campaign);"
                + " SQL license = statements that"
                + " read license data; peak heap = sum of the heap pools' peaks (an upper bound) / -Xmx.\n");
        for (Result[] row : rows)
            out.append(f("During the send of %,d: %s.%n", row[0].enterprises(),
                    row[0].machine().describe(row[0].cpuSeconds())));
        return out.toString();
    }

    static String targets(Options o, List<Result[]> rows) {
        StringBuilder t = new StringBuilder("Targets:\n");
        for (Result[] row : rows) {
            Result r = row[0];
            Result s = row[1];
            String at = f("%,d enterprises", r.enterprises());
            double most = o.packed() ? 1.25 : 1.5;
            t.append(line(r.wallSeconds() <= most * r.boundSeconds(), f("%s: wall %.1f s = %.2f x bound %.1f s (target <= %.2f%s)",
                    at, r.wallSeconds(), r.wallSeconds() / r.boundSeconds(), r.boundSeconds(), most,
                    r.enterprises() == 10_000 ? "" : ", set for 10,000")));
            if (s != null)
                t.append(line(s.wallSeconds() >= 10 * r.wallSeconds(), f("%s: %.1f x faster than sequential (%.1f s vs %.1f s; target >= 10 at concurrency 16)",
                        at, s.wallSeconds() / r.wallSeconds(), s.wallSeconds(), r.wallSeconds())));
            t.append(line(r.brazeRequests() <= r.brazeAllowed() + (r.failures() > 0 ? 1 : 0) && r.brazeRefused() == 0,
                    f("%s: Braze requests %,d, minimum %,d (%.3f), at most %,d%s%s", at, r.brazeRequests(),
                            r.brazeMinimum(), r.brazeRequests() / (double) Math.max(1, r.brazeMinimum()),
                            r.brazeAllowed(), o.packed() ? " (packed: + one per campaign per concurrency slot)" : "",
                            r.failures() > 0 ? " + 1 run-error notification" : "")));
            t.append(line(r.sent() == r.due() && r.failures() == 0 && r.exitCode() == 0,
                    f("%s: %,d of %,d due deliveries sent, %d failed or uncertain, exit %d", at, r.sent(), r.due(),
                            r.failures(), r.exitCode())));
            t.append(line(r.sqlLicenseData() >= 0 && r.sqlLicenseData() <= 2,
                    f("%s: %d SQL statements read license data (constant: one count, one streamed query), %,d in all",
                            at, r.sqlLicenseData(), r.sqlStatements())));
            t.append(line(r.exitCode() == 0 || r.exitCode() == 1,
                    f("%s: completed under -Xmx%s (peak heap at most %d MiB)", at, o.xmx(), r.heapPeakBytes() >> 20)));
            long perMinute = o.rateLimitPerHour() / 61;
            t.append(line(r.maxPerHour() <= o.rateLimitPerHour() && r.maxPerMinute() <= 2L * perMinute,
                    f("%s: Braze rate: at most %,d requests in any hour (limit %,d), %,d in any minute"
                            + " (limiter: %,d per minute cycle, so at most %,d in a sliding minute)", at,
                            r.maxPerHour(), o.rateLimitPerHour(), r.maxPerMinute(), perMinute, 2 * perMinute)));
        }
        return t.toString();
    }

    private static String line(boolean met, String text) {
        return (met ? "  [met]     " : "  [NOT MET] ") + text + "\n";
    }

    private static String pad(String s, int width, boolean left) {
        return left ? String.format(Locale.ROOT, "%-" + width + "s", s) : String.format(Locale.ROOT, "%" + width + "s", s);
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
