package io.licensenotify.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.licensenotify.domain.NotificationKind;
import io.licensenotify.domain.SkipReason;
import io.licensenotify.ports.failure.Failure;
import io.licensenotify.ports.failure.SharedFailure;
import io.licensenotify.ports.in.RunReport;
import io.licensenotify.text.SafeText;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The run report for people (a summary on stdout) and for scripts (JSON with {@code --report}). Admins are named by
 * ECU id and LMS user id, never by email; anything shaped like an email address in a failure message is replaced
 * ({@link SafeText}, the logs' one pattern, letters beyond ASCII included), as a second line of defence. A failure
 * message quotes values from outside (a Braze or LMS answer, a name from the database): the summary shows its
 * control characters escaped, so it cannot forge a line.
 */
public final class ReportPrinter {
    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private ReportPrinter() {
    }

    /** The human summary: counts, then every failure and uncertain delivery by name, then the verdict. */
    public static String summary(RunReport r) {
        StringBuilder s = new StringBuilder();
        s.append("Run ").append(r.scope().runId()).append(" as of ").append(r.scope().asOf())
                .append(r.scope().shard().label().map(label -> ", shard " + label).orElse(""))
                .append(r.scope().dryRun() ? " (dry run: nothing claimed, nothing sent)" : "")
                .append(String.format(Locale.ROOT, ", %.1f s%n", r.scope().elapsed().toMillis() / 1000.0));
        s.append("Enterprises: ").append(r.enterprises().seen()).append(" seen, ").append(r.enterprises().evaluated())
                .append(" evaluated, ").append(r.enterprises().failed()).append(" failed")
                .append(skipped(r.enterprises().skipped())).append('\n');
        s.append("Admins: ").append(r.admins().seen()).append(" seen").append(skipped(r.admins().skipped()))
                .append('\n');

        String[] head = {"kind", "due", "sent", "failed", "superseded", "uncertain", "claimed elsewhere", "suppressed"};
        List<String[]> rows = new ArrayList<>();
        r.deliveries().forEach((kind, c) -> rows.add(row(kind.code(), c)));
        rows.add(row("total", r.total()));
        s.append("Deliveries:\n").append(table(head, rows, "  "));
        if (r.scope().dryRun()) s.append("Braze requests it would make: ").append(r.requests().accepted())
                .append(String.format(java.util.Locale.ROOT, " (%.1f recipients per request)\n", r.recipientsPerRequest()));
        else s.append("Braze requests: ").append(r.requests().made()).append(", accepted: ")
                .append(r.requests().accepted()).append(r.requests().accepted() > 0
                        ? String.format(java.util.Locale.ROOT, " (%.1f recipients per request)", r.recipientsPerRequest())
                        : "")
                .append(r.problems().dispatchIdsUnknown() > 0 ? " (dispatch id unknown for "
                        + r.problems().dispatchIdsUnknown()
                        + " deliveries: Braze accepted them but its answer could not be read)" : "")
                .append('\n');
        if (r.total().queued() > 0)
            s.append("Queued by Braze: ").append(r.total().queued()).append(r.total().queued() == 1 ? " delivery" : " deliveries")
                    .append(" (Braze was in maintenance and sends them later; counted as sent, recorded as queued)\n");

        if (!r.problems().unknownEnterprises().isEmpty())
            s.append("Not known to license-manager: ").append(ids(r.problems().unknownEnterprises())).append('\n');
        if (!r.problems().withoutAutoAssignPlan().isEmpty())
            s.append("Without an auto-assign plan on ").append(r.scope().asOf()).append(": ")
                    .append(ids(r.problems().withoutAutoAssignPlan())).append('\n');
        if (r.scope().dryRun()) {
            s.append("Would send (").append(r.wouldSend().size()).append("):\n");
            for (RunReport.WouldSend d : r.wouldSend())
                s.append("  ").append(d.key().kind().code()).append(" to ECU ").append(d.key().ecuId())
                        .append(" (LMS user ").append(d.lmsUserId()).append(") of enterprise ")
                        .append(d.key().enterprise()).append(", plan ").append(d.plan()).append('\n');
        }
        for (SharedFailure f : r.problems().shared())
            s.append("Failed together: ").append(f.enterprises()).append(f.enterprises() == 1 ? " enterprise" : " enterprises")
                    .append(", ").append(f.error()).append(": ").append(SafeText.withoutEmails(f.message())).append(" (e.g. ")
                    .append(String.join(", ", f.examples().stream().map(Object::toString).toList())).append(")\n");
        if (!r.problems().failures().isEmpty()) {
            s.append("Failures (").append(r.problems().failures().size()).append("):\n");
            r.problems().failures().forEach(f -> s.append("  ").append(describe(f)).append('\n'));
            if (!r.scope().dryRun())
                s.append("  Next: the next run tries these again").append(r.problems().failures().stream()
                        .anyMatch(f -> f.kind().isPresent())
                        ? "; 'license-notify history --state FAILED' lists the failed deliveries\n" : "\n");
        }
        if (!r.problems().uncertain().isEmpty()) {
            s.append("Uncertain, not resent (").append(r.problems().uncertain().size()).append("):\n");
            r.problems().uncertain().forEach(f -> s.append("  ").append(describe(f)).append('\n'));
            s.append("  Next: check Braze's logs for them ('license-notify history --state UNCERTAIN' lists them); to"
                    + " send them again: license-notify release --state UNCERTAIN --reason TEXT [--enterprise UUID]\n");
        }
        r.warnings().forEach(w -> s.append("Warning: ").append(SafeText.printableWithoutEmails(w)).append('\n'));
        return s.toString();
    }

    /** The verdict, the last line of the output: printed after the report file was written. */
    public static String result(RunReport r) {
        if (r.scope().dryRun()) {
            int would = r.wouldSend().size();
            String what = would + (would == 1 ? " email" : " emails") + " would be sent; nothing was claimed or sent";
            if (!r.complete()) return "Result: DRY RUN STOPPED EARLY: " + r.problems().stoppedEarly().orElseThrow()
                    + "; " + what + " (exit 1)\n";
            return r.hasProblems() ? "Result: DRY RUN with PROBLEMS: " + what + "; some enterprises failed (exit 1)\n"
                    : "Result: DRY RUN: " + what + " (exit 0)\n";
        }
        if (!r.complete())
            return "Result: STOPPED EARLY: " + r.problems().stoppedEarly().orElseThrow() + "; "
                    + r.problems().enterprisesNotReached() + " enterprises not reached, to be done by the next run (exit 1)\n";
        if (r.hasProblems()) return "Result: PROBLEMS: some enterprises or deliveries failed or are uncertain (exit 1)\n";
        int unknown = r.problems().unknownEnterprises().size();
        if (unknown > 0)
            return "Result: NOT FOUND: " + unknown + (unknown == 1 ? " enterprise asked for is" : " enterprises asked for are")
                    + " not known to license-manager, so nothing was evaluated for " + (unknown == 1 ? "it" : "them")
                    + "; everything due for the others was delivered (exit 1)\n";
        return "Result: OK: everything due was delivered (exit 0)\n";
    }

    /**
     * The report as a JSON document: snake_case names, ISO dates, kinds by code, skip reasons by name; its schema is
     * docs/report.schema.json.
     */
    public static String json(RunReport r) {
        return json(r, null);
    }

    /** The report as JSON, with what the process measured about itself as {@code metrics} (when not null). */
    public static String json(RunReport r, RunMetrics metrics) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("run_id", r.scope().runId());
        doc.put("as_of", r.scope().asOf());
        doc.put("shard", r.scope().shard().label().orElse(null));
        doc.put("dry_run", r.scope().dryRun());
        doc.put("elapsed_seconds", r.scope().elapsed().toMillis() / 1000.0);
        doc.put("ok", !r.hasProblems());
        doc.put("complete", r.complete());
        doc.put("stopped_early", r.problems().stoppedEarly().orElse(null));
        doc.put("enterprises", Map.of("seen", r.enterprises().seen(), "evaluated", r.enterprises().evaluated(),
                "failed", r.enterprises().failed(), "skipped", new TreeMap<>(r.enterprises().skipped()),
                "not_reached", r.problems().enterprisesNotReached()));
        doc.put("admins", Map.of("seen", r.admins().seen(), "skipped", new TreeMap<>(r.admins().skipped())));
        Map<String, Object> deliveries = new LinkedHashMap<>();
        r.deliveries().forEach((kind, c) -> deliveries.put(kind.code(), counts(c)));
        deliveries.put("total", counts(r.total()));
        doc.put("deliveries", deliveries);
        doc.put("messages_sent", r.requests().accepted());
        doc.put("dispatch_ids_unknown", r.problems().dispatchIdsUnknown());
        doc.put("shared_failures", r.problems().shared().stream().map(f -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("error", f.error().name());
            m.put("message", SafeText.withoutEmails(f.message()));
            m.put("enterprises", f.enterprises());
            m.put("examples", f.examples());
            return m;
        }).toList());
        doc.put("braze_requests", r.requests().made());
        doc.put("recipients_per_request", Math.round(r.recipientsPerRequest() * 100) / 100.0);
        doc.put("failures", r.problems().failures().stream().map(ReportPrinter::failure).toList());
        doc.put("uncertain", r.problems().uncertain().stream().map(ReportPrinter::failure).toList());
        doc.put("warnings", r.warnings());
        doc.put("unknown_enterprises", r.problems().unknownEnterprises());
        doc.put("enterprises_without_auto_assign_plan", r.problems().withoutAutoAssignPlan());
        if (r.scope().dryRun()) doc.put("would_send", r.wouldSend().stream().map(d -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("kind", d.key().kind().code());
            m.put("enterprise", d.key().enterprise());
            m.put("ecu_id", d.key().ecuId());
            m.put("lms_user_id", d.lmsUserId());
            m.put("plan", d.plan());
            m.put("scope", d.key().scope());
            m.put("period", d.key().period());
            return m;
        }).toList());
        if (metrics != null) doc.put("metrics", metrics(metrics));
        try {
            return JSON.writeValueAsString(doc) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void writeJson(RunReport r, Path file) {
        writeJson(r, null, file);
    }

    /** Written whole or not at all: a temporary file beside it, then renamed over it. */
    public static void writeJson(RunReport r, RunMetrics metrics, Path file) {
        ReportFile.write(file, json(r, metrics));
    }

    /** Aligned columns: the first left, the others right. */
    static String table(String[] head, List<String[]> rows, String indent) {
        return table(head, rows, indent, true);
    }

    /** Aligned columns, the first left and the others right (counts) or all left (text). */
    static String table(String[] head, List<String[]> rows, String indent, boolean numbersRight) {
        int[] width = new int[head.length];
        List<String[]> all = new ArrayList<>();
        all.add(head);
        all.addAll(rows);
        for (String[] row : all)
            for (int i = 0; i < row.length; i++) width[i] = Math.max(width[i], row[i].length());
        StringBuilder s = new StringBuilder();
        for (String[] row : all) {
            StringBuilder line = new StringBuilder(indent);
            for (int i = 0; i < row.length; i++) {
                if (i > 0) line.append("  ");
                line.append(String.format(Locale.ROOT, "%" + (i == 0 || !numbersRight ? "-" : "") + width[i] + "s", row[i]));
            }
            s.append(line.toString().stripTrailing()).append('\n');
        }
        return s.toString();
    }

    private static String ids(List<java.util.UUID> ids) {
        return String.join(", ", ids.stream().map(Object::toString).toList());
    }

    private static String[] row(String kind, RunReport.KindCounts c) {
        return new String[]{kind, n(c.due()), n(c.sent()), n(c.failed()), n(c.superseded()), n(c.uncertain()),
                n(c.claimedElsewhere()), n(c.suppressed())};
    }

    private static String n(long v) {
        return Long.toString(v);
    }

    private static String skipped(Map<SkipReason, Long> reasons) {
        if (reasons.isEmpty()) return "";
        StringBuilder s = new StringBuilder("; skipped:");
        new TreeMap<>(reasons).forEach((reason, count) -> s.append(' ').append(reason).append(' ').append(count));
        return s.toString();
    }

    private static String describe(Failure f) {
        return "enterprise " + f.enterprise() + f.enterpriseName().map(n -> " (" + SafeText.printable(n) + ")").orElse("")
                + f.ecuId().map(id -> ", ECU " + id).orElse("")
                + f.kind().map(k -> ", " + k.code()).orElse("")
                + ": " + f.error() + (f.message().isBlank() ? "" : ": " + SafeText.printableWithoutEmails(f.message()));
    }

    /** Snake case, like the benchmark's table; an absent SQL count is left out rather than written as 0. */
    private static Map<String, Object> metrics(RunMetrics m) {
        Map<String, Object> out = new LinkedHashMap<>();
        m.sqlStatements().ifPresent(n -> out.put("sql_statements", n));
        m.sqlStatementsReadingLicenseData().ifPresent(n -> out.put("sql_statements_reading_license_data", n));
        out.put("heap_peak_bytes", m.heapPeakBytes());
        out.put("heap_max_bytes", m.heapMaxBytes());
        if (m.cpuNanos() >= 0) out.put("cpu_seconds", m.cpuNanos() / 1e9);
        return out;
    }

    private static Map<String, Object> counts(RunReport.KindCounts c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("due", c.due());
        m.put("sent", c.sent());
        m.put("failed", c.failed());
        m.put("superseded", c.superseded());
        m.put("uncertain", c.uncertain());
        m.put("claimed_elsewhere", c.claimedElsewhere());
        m.put("suppressed", c.suppressed());
        m.put("queued", c.queued());
        return m;
    }

    private static Map<String, Object> failure(Failure f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("enterprise", f.enterprise());
        m.put("enterprise_name", f.enterpriseName().orElse(null));
        m.put("ecu_id", f.ecuId().orElse(null));
        m.put("kind", f.kind().map(NotificationKind::code).orElse(null));
        m.put("error", f.error().name());
        m.put("message", SafeText.withoutEmails(f.message()));
        return m;
    }
}
