package io.licensenotify.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.licensenotify.cli.config.Config;
import io.licensenotify.cli.config.Keys;
import io.licensenotify.cli.wiring.AppFactory;
import io.licensenotify.cli.wiring.AppFactory.SuppressionsApp;
import io.licensenotify.domain.NotificationKind;
import io.licensenotify.domain.Suppression;
import io.licensenotify.domain.ThresholdPolicy;
import io.licensenotify.text.SafeText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Rule 6 for operators: who gets no email. A suppression names an enterprise and optionally one admin (ECU id) and
 * one kind; without them it covers every admin and every kind of that enterprise. Braze's own unsubscribe and
 * subscription groups still apply on Braze's side; these apply before anything reaches Braze.
 */
final class SuppressionCommands {
    private SuppressionCommands() {
    }

    /** The selectors every suppression command shares. */
    static class Selectors {
        @Option(names = "--enterprise", required = true, paramLabel = "UUID", converter = Converters.Uuids.class,
                description = "The enterprise (uuid with or without dashes).")
        UUID enterprise;

        @Option(names = "--admin", paramLabel = "ECU_ID", converter = Converters.EcuIds.class,
                description = "One admin (enterprise-customer-user id); without it, every admin of the enterprise.")
        Long admin;

        @Option(names = "--kind", paramLabel = "KIND", converter = Converters.Kinds.class,
                description = "One kind: UTILIZATION_75, UTILIZATION_100, WEEKLY_DIGEST, ...; without it, every kind.")
        NotificationKind kind;

        String describe() {
            return "enterprise " + enterprise + (admin == null ? ", every admin" : ", ECU " + admin)
                    + (kind == null ? ", every kind" : ", " + kind.code());
        }
    }

    @Command(name = "suppress", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Sends no more emails to an enterprise, one of its admins, or of one kind.",
                    "A suppressed delivery is neither claimed nor sent; 'send' counts it as SUPPRESSED. Adding the same"
                            + " suppression again changes nothing. Needs only the db.* configuration."},
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:added, or there already", "1:the database could not be written", "2:bad usage"})
    static final class Suppress extends Selectors implements Callable<Integer> {
        private final Invocation invocation;
        private final AppFactory apps;
        private final PrintWriter out;
        private final Clock clock;

        @Spec
        CommandSpec spec;

        @Option(names = "--reason", paramLabel = "TEXT", defaultValue = "", description = "Why, for whoever reads it later.")
        String reason;

        @Option(names = "--by", paramLabel = "NAME", defaultValue = "${sys:user.name}",
                description = "Who asks for it (default: this user, ${DEFAULT-VALUE}).")
        String by;

        Suppress(Invocation invocation, AppFactory apps, PrintWriter out, Clock clock) {
            this.invocation = invocation;
            this.apps = apps;
            this.out = out;
            this.clock = clock;
        }

        @Override
        public Integer call() {
            Config config = invocation.config(Config.Needs.DATABASE);
            coveredByTheConfiguration(kind, config, spec);
            SuppressionsApp app = apps.suppressions(config);
            app.migration().migrate();
            String who = by == null || by.isBlank() ? System.getProperty("user.name", "") : by;
            Suppression s = new Suppression(enterprise, Optional.ofNullable(admin), Optional.ofNullable(kind), reason,
                    clock.instant().truncatedTo(ChronoUnit.MICROS), who);
            boolean added = app.suppressions().add(s);
            out.println((added ? "Suppressed: " : "Already suppressed, nothing changed: ") + describe());
            out.flush();
            return 0;
        }
    }

    /**
     * A suppression of a threshold the configuration does not have would cover nothing: a usage error that names the
     * kinds there are.
     */
    private static void coveredByTheConfiguration(NotificationKind kind, Config config, CommandSpec spec) {
        if (!(kind instanceof NotificationKind.Threshold threshold)) return;
        ThresholdPolicy thresholds = config.get(Keys.THRESHOLDS);
        if (thresholds.percents().contains(threshold.percent())) return;
        List<String> kinds = Keys.kinds(config).stream().map(NotificationKind::code).toList();
        throw new ParameterException(spec.commandLine(), "Invalid value for option '--kind': " + kind.code()
                + " is not a kind this configuration sends (" + Keys.THRESHOLDS.name() + " = "
                + thresholds.percents().stream().map(String::valueOf).collect(Collectors.joining(","))
                + "); the kinds are " + String.join(", ", kinds));
    }

    @Command(name = "unsuppress", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Removes the suppression with exactly these selectors.",
                    "Then a threshold still reached and never sent goes out at the next run; a digest only for the week"
                            + " then current. Needs only the db.* configuration."},
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:removed", "1:no suppression with these selectors, or the database failed", "2:bad usage"})
    static final class Unsuppress extends Selectors implements Callable<Integer> {
        private final Supplier<SuppressionsApp> apps;
        private final PrintWriter out;

        /** @param apps the suppressions of the configured database, made when the command runs */
        Unsuppress(Supplier<SuppressionsApp> apps, PrintWriter out) {
            this.apps = apps;
            this.out = out;
        }

        @Override
        public Integer call() {
            SuppressionsApp app = apps.get();
            app.migration().migrate();
            int removed = app.suppressions().remove(enterprise, Optional.ofNullable(admin), Optional.ofNullable(kind));
            out.println("Removed " + removed + (removed == 1 ? " suppression: " : " suppressions: ") + describe()
                    + (removed == 0 ? " (see 'license-notify suppressions' for the ones there are)" : ""));
            out.flush();
            return removed == 0 ? 1 : 0;
        }
    }

    @Command(name = "suppressions", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Lists the suppressions, newest first.", "Needs only the db.* configuration."},
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:listed", "1:the database could not be read", "2:bad usage"})
    static final class ListThem implements Callable<Integer> {
        private static final ObjectMapper JSON = new ObjectMapper();

        private final Supplier<SuppressionsApp> apps;
        private final PrintWriter out;

        @Option(names = "--enterprise", paramLabel = "UUID", converter = Converters.Uuids.class,
                description = "Only this enterprise.")
        UUID enterprise;

        @Option(names = "--json", description = "One JSON object per line, for scripts.")
        boolean json;

        /** @param apps the suppressions of the configured database, made when the command runs */
        ListThem(Supplier<SuppressionsApp> apps, PrintWriter out) {
            this.apps = apps;
            this.out = out;
        }

        @Override
        public Integer call() {
            SuppressionsApp app = apps.get();
            List<Suppression> all = app.suppressions().list(Optional.ofNullable(enterprise));
            out.print(json ? jsonLines(all) : table(all));
            out.flush();
            return 0;
        }

        static String table(List<Suppression> all) {
            if (all.isEmpty()) return "No suppressions.\n";
            String[] head = {"created (UTC)", "enterprise", "admin (ECU)", "kind", "by", "reason"};
            List<String[]> rows = new ArrayList<>();
            for (Suppression s : all)
                rows.add(new String[]{s.createdAt().truncatedTo(ChronoUnit.SECONDS).toString(), s.enterprise().toString(),
                        s.ecuId().map(String::valueOf).orElse("every admin"),
                        s.kind().map(NotificationKind::code).orElse("every kind"), SafeText.printable(s.createdBy()),
                        SafeText.printable(s.reason())});
            return ReportPrinter.table(head, rows, "", false);
        }

        static String jsonLines(List<Suppression> all) {
            StringBuilder out = new StringBuilder();
            for (Suppression s : all) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("enterprise", s.enterprise().toString());
                m.put("ecu_id", s.ecuId().orElse(null));
                m.put("kind", s.kind().map(NotificationKind::code).orElse(null));
                m.put("reason", s.reason());
                m.put("created_at", s.createdAt().toString());
                m.put("created_by", s.createdBy());
                try {
                    out.append(JSON.writeValueAsString(m)).append('\n');
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return out.toString();
        }
    }
}
