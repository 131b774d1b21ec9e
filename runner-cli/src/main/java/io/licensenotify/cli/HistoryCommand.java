package io.licensenotify.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.licensenotify.cli.config.Config;
import io.licensenotify.cli.wiring.AppFactory;
import io.licensenotify.cli.wiring.Ledgers;
import io.licensenotify.domain.DeliveryState;
import io.licensenotify.ports.out.DeliveryRecord;
import io.licensenotify.ports.out.HistoryQuery;
import io.licensenotify.text.SafeText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/** Lists deliveries from the ledger, newest first. */
@Command(name = "history", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
                "Lists recorded deliveries, newest first.",
                "Shows when each was claimed, its state, kind, enterprise, admin (ECU id), LMS user id, and Braze's dispatch id, an operator's release or the last error. Needs only the db.* configuration; reads only (creates no database or table)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:listed", "1:the database could not be read", "2:bad configuration or usage"})
final class HistoryCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final Invocation invocation;
    private final AppFactory apps;
    private final CliEnvironment environment;

    @Spec
    CommandSpec spec;

    @Mixin
    DeliveryFilter only;

    @Option(names = "--state", paramLabel = "STATE",
            description = "Only this state: ${COMPLETION-CANDIDATES}.")
    DeliveryState state;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "50", description = "At most N rows (default ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--offset", paramLabel = "N", defaultValue = "0", description = "Skip the N newest rows (default ${DEFAULT-VALUE}).")
    int offset;

    @Option(names = "--json", description = "One JSON object per line, for scripts.")
    boolean json;

    HistoryCommand(Invocation invocation, AppFactory apps, CliEnvironment environment) {
        this.invocation = invocation;
        this.apps = apps;
        this.environment = environment;
    }

    @Override
    public Integer call() {
        HistoryQuery query;
        try {
            query = new HistoryQuery(only.enterprise(), only.admin(), only.kind(), Optional.ofNullable(state), offset,
                    limit);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        AppFactory.HistoryApp app = apps.history(invocation.config(Config.Needs.DATABASE));
        if (!app.schema().current()) {
            // nothing to list yet, or columns this version reads are missing: say so, and which command helps
            PrintWriter to = json ? environment.err() : environment.out();
            to.println(sentence(Ledgers.describe(app.schema())));
            to.flush();
            return app.schema().exists() ? 1 : 0;
        }
        List<DeliveryRecord> records = app.history().find(query);
        environment.out().print(json ? jsonLines(records) : table(records));
        environment.out().flush();
        return 0;
    }

    /** {@code text} as a sentence: capitalized, ending with a full stop. */
    static String sentence(String text) {
        String s = text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
        return s.endsWith(".") ? s : s + ".";
    }

    static String table(List<DeliveryRecord> records) {
        if (records.isEmpty()) return "No deliveries match.\n";
        String[] head = {"claimed (UTC)", "state", "kind", "enterprise", "ECU", "LMS user", "period",
                "dispatch id / released / last error"};
        List<String[]> rows = new ArrayList<>();
        for (DeliveryRecord r : records)
            rows.add(new String[]{r.claimedAt().truncatedTo(ChronoUnit.SECONDS).toString(), r.state().name(),
                    r.key().kind().code(), r.key().enterprise().toString(), Long.toString(r.key().ecuId()),
                    Long.toString(r.lmsUserId()), Long.toString(r.key().period()),
                    r.dispatchId().or(() -> r.released().map(HistoryCommand::released)).or(r::lastError)
                            .map(SafeText::printableWithoutEmails).orElse("")});
        return ReportPrinter.table(head, rows, "", false);
    }

    static String jsonLines(List<DeliveryRecord> records) {
        StringBuilder s = new StringBuilder();
        for (DeliveryRecord r : records) {
            // snake case, as the run report and the run-error email; docs/operating.md "Reading `history`" lists every field
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("claimed_at", r.claimedAt());
            m.put("settled_at", r.settledAt().orElse(null));
            m.put("state", r.state().name());
            m.put("kind", r.key().kind().code());
            m.put("enterprise", r.key().enterprise());
            m.put("ecu_id", r.key().ecuId());
            m.put("lms_user_id", r.lmsUserId());
            m.put("scope", r.key().scope());
            m.put("period", r.key().period());
            m.put("plan", r.plan().orElse(null));
            m.put("run_id", r.runId());
            m.put("dispatch_id", r.dispatchId().orElse(null));
            m.put("attempts", r.attempts());
            m.put("last_error", r.lastError().map(SafeText::withoutEmails).orElse(null));
            m.put("released_at", r.released().map(DeliveryRecord.Released::at).orElse(null));
            m.put("released_by", r.released().map(DeliveryRecord.Released::by).orElse(null));
            m.put("release_reason", r.released().map(DeliveryRecord.Released::reason).map(SafeText::withoutEmails)
                    .orElse(null));
            try {
                s.append(JSON.writeValueAsString(m)).append('\n');
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return s.toString();
    }

    /** {@code released by ops at 2026-03-02T10:00:00Z: Braze's logs show it never left}. */
    static String released(DeliveryRecord.Released r) {
        return "released by " + r.by() + " at " + r.at().truncatedTo(ChronoUnit.SECONDS) + ": " + r.reason();
    }
}
