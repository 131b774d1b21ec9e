package io.licensenotify.cli;

import io.licensenotify.cli.config.Config;
import io.licensenotify.cli.wiring.AppFactory;
import io.licensenotify.cli.wiring.Ledgers;
import io.licensenotify.domain.DeliveryState;
import io.licensenotify.domain.NotificationRules;
import io.licensenotify.domain.Recorded;
import io.licensenotify.domain.ResendOutlook;
import io.licensenotify.domain.Suppression;
import io.licensenotify.ports.out.DeliveryRecord;
import io.licensenotify.ports.out.OperatorRelease;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/** Turns chosen uncertain deliveries (and claims of runs that died) into failed ones, so the next run sends them. */
@Command(name = "release", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
                "Lets the next run send chosen deliveries again: turns them into FAILED, recording when, by whom and why.",
                "UNCERTAIN: Braze may or may not have them (check Braze's logs first: releasing one Braze sent means a second email). PENDING and SENDING: only claims older than notify.claim-lease, whose run died. Prints each delivery it changed and whether the next send sends it or why it never will (a digest whose week has passed, a lower threshold once a higher one is recorded, a suppression); 'history' shows the release. Needs only the db.* configuration (and notify.* for the rules)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:released what matched (or nothing matched)",
                "1:the database could not be written, or the ledger is older than this version",
                "2:bad configuration or usage (--reason and --state are required)"})
final class ReleaseCommand implements Callable<Integer> {
    private final Invocation invocation;
    private final AppFactory apps;
    private final PrintWriter out;
    private final Clock clock;

    @Spec
    CommandSpec spec;

    @Option(names = "--state", paramLabel = "STATE", required = true,
            description = "Release deliveries in this state: UNCERTAIN, PENDING or SENDING (repeatable).")
    Set<DeliveryState> states;

    @Mixin
    DeliveryFilter only;

    @Option(names = "--reason", paramLabel = "TEXT", required = true,
            description = "Why (recorded in each row and shown by history), e.g. \"Braze's logs show no send\".")
    String reason;

    @Option(names = "--by", paramLabel = "NAME", defaultValue = "${sys:user.name}",
            description = "Who releases, recorded in each row (default: this user, ${DEFAULT-VALUE}).")
    String by;

    @Option(names = "--dry-run", description = "Print what would be released; change nothing.")
    boolean dryRun;

    ReleaseCommand(Invocation invocation, AppFactory apps, PrintWriter out, Clock clock) {
        this.invocation = invocation;
        this.apps = apps;
        this.out = out;
        this.clock = clock;
    }

    @Override
    public Integer call() {
        AppFactory.ReleaseApp app = apps.release(invocation.config(Config.Needs.DATABASE));
        OperatorRelease release;
        try {
            release = new OperatorRelease(states, only.enterprise(), only.admin(), only.kind(), app.lease(), by,
                    reason);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        if (!app.schema().current()) {
            out.println(HistoryCommand.sentence(Ledgers.describe(app.schema())) + " Nothing was released.");
            out.flush();
            return app.schema().exists() ? 1 : 0;
        }
        List<DeliveryRecord> released = app.ledger().releaseByOperator(release, dryRun);
        Map<DeliveryRecord, ResendOutlook> outlooks = outlooks(app, released);
        long sent = outlooks.values().stream().filter(ResendOutlook::sends).count();
        for (DeliveryRecord r : released)
            out.println((dryRun ? "would release " : "released ") + line(r) + ": " + said(outlooks.get(r)));
        out.println(released.isEmpty() ? "No delivery matches: nothing " + (dryRun ? "would be " : "was ") + "released."
                : dryRun ? released.size() + (released.size() == 1 ? " delivery" : " deliveries")
                        + " would be released (dry run: nothing changed)."
                : "Released " + released.size() + (released.size() == 1 ? " delivery" : " deliveries")
                + " (now FAILED): " + (sent == released.size()
                        ? "the next send sends " + (released.size() == 1 ? "it." : "them.")
                        : sent == 0 ? "the next send sends none of them (each line says why)."
                        : "the next send sends " + sent + " of them; " + (released.size() - sent)
                                + " will not be sent (each line says why)."));
        out.flush();
        return 0;
    }

    /**
     * What the next run does with each released row, as the rules decide it from what the ledger holds (the row
     * read as released), the suppressions and today's date in {@code notify.zone}.
     */
    private Map<DeliveryRecord, ResendOutlook> outlooks(AppFactory.ReleaseApp app, List<DeliveryRecord> released) {
        Map<DeliveryRecord, ResendOutlook> outlooks = new LinkedHashMap<>();
        if (released.isEmpty()) return outlooks;
        NotificationRules rules = app.rules();
        Map<UUID, Recorded> recorded = app.ledger().recorded(released.stream().map(r -> r.key().enterprise())
                .collect(Collectors.toSet()));
        List<Suppression> suppressions = app.suppressions().all();
        LocalDate today = LocalDate.now(clock.withZone(rules.zone()));
        for (DeliveryRecord r : released)
            outlooks.put(r, ResendOutlook.of(r.key(), r.claimedAt().atZone(rules.zone()).toLocalDate(),
                    recorded.getOrDefault(r.key().enterprise(), Recorded.NOTHING), suppressions, today, rules));
        return outlooks;
    }

    private static String said(ResendOutlook outlook) {
        return outlook.sends() ? "the next send sends it " + outlook.why() : "will not be sent: " + outlook.why();
    }

    /** One released delivery, by ids (never an address), as it was. */
    private static String line(DeliveryRecord r) {
        return r.state() + " " + r.key().kind().code() + " to ECU " + r.key().ecuId() + " (LMS user " + r.lmsUserId()
                + ") of enterprise " + r.key().enterprise() + ", period " + r.key().period() + ", claimed "
                + r.claimedAt().truncatedTo(ChronoUnit.SECONDS) + " by run " + r.runId();
    }
}
