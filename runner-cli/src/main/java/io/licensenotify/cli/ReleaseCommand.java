package io.licensenotify.cli;

import io.licensenotify.cli.config.Config;
import io.licensenotify.cli.wiring.AppFactory;
import io.licensenotify.cli.wiring.Ledgers;
import io.licensenotify.domain.DeliveryState;
import io.licensenotify.domain.NotificationKind;
import io.licensenotify.ports.out.DeliveryRecord;
import io.licensenotify.ports.out.OperatorRelease;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;

/** Turns chosen uncertain deliveries (and claims of runs that died) into failed ones, so the next run sends them. */
@Command(name = "release", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
                "Lets the next run send chosen deliveries again: turns them into FAILED, recording when, by whom and why.",
                "UNCERTAIN: Braze may or may not have them (check Braze's logs first: releasing one Braze sent means a second email). PENDING and SENDING: only claims older than notify.claim-lease, whose run died. Prints each delivery it changed; 'history' shows the release. Needs only the db.* configuration."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:released what matched (or nothing matched)",
                "1:the database could not be written, or the ledger is older than this version",
                "2:bad configuration or usage (--reason and --state are required)"})
final class ReleaseCommand implements Callable<Integer> {
    @ParentCommand
    LicenseNotifyCommand root;

    @Spec
    CommandSpec spec;

    @Option(names = "--state", paramLabel = "STATE", required = true,
            description = "Release deliveries in this state: UNCERTAIN, PENDING or SENDING (repeatable).")
    Set<DeliveryState> states;

    @Option(names = "--enterprise", paramLabel = "UUID", converter = Converters.Uuids.class,
            description = "Only this enterprise (with or without dashes).")
    UUID enterprise;

    @Option(names = "--admin", paramLabel = "ECU_ID", converter = Converters.EcuIds.class,
            description = "Only this admin (enterprise-customer-user id).")
    Long admin;

    @Option(names = "--kind", paramLabel = "KIND", converter = Converters.Kinds.class,
            description = "Only this kind: UTILIZATION_75, UTILIZATION_100, WEEKLY_DIGEST, ...")
    NotificationKind kind;

    @Option(names = "--reason", paramLabel = "TEXT", required = true,
            description = "Why (recorded in each row and shown by history), e.g. \"Braze's logs show no send\".")
    String reason;

    @Option(names = "--by", paramLabel = "NAME", defaultValue = "${sys:user.name}",
            description = "Who releases, recorded in each row (default: this user, ${DEFAULT-VALUE}).")
    String by;

    @Option(names = "--dry-run", description = "Print what would be released; change nothing.")
    boolean dryRun;

    @Override
    public Integer call() {
        AppFactory.ReleaseApp app = root.apps().release(root.config(Config.Needs.DATABASE));
        OperatorRelease release;
        try {
            release = new OperatorRelease(states, Optional.ofNullable(enterprise), Optional.ofNullable(admin),
                    Optional.ofNullable(kind), app.lease(), by, reason);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        PrintWriter out = root.environment().out();
        if (!app.schema().current()) {
            out.println(HistoryCommand.sentence(Ledgers.describe(app.schema())) + " Nothing was released.");
            out.flush();
            return app.schema().exists() ? 1 : 0;
        }
        List<DeliveryRecord> released = app.ledger().releaseByOperator(release, dryRun);
        for (DeliveryRecord r : released) out.println((dryRun ? "would release " : "released ") + line(r));
        out.println(released.isEmpty() ? "No delivery matches: nothing " + (dryRun ? "would be " : "was ") + "released."
                : dryRun ? released.size() + " deliveries would be released (dry run: nothing changed)."
                : "Released " + released.size() + (released.size() == 1 ? " delivery" : " deliveries")
                + " (now FAILED): the next send sends " + (released.size() == 1 ? "it." : "them."));
        out.flush();
        return 0;
    }

    /** One released delivery, by ids (never an address), as it was. */
    private static String line(DeliveryRecord r) {
        return r.state() + " " + r.key().kind().code() + " to ECU " + r.key().ecuId() + " (LMS user " + r.lmsUserId()
                + ") of enterprise " + r.key().enterprise() + ", period " + r.key().period() + ", claimed "
                + r.claimedAt().truncatedTo(ChronoUnit.SECONDS) + " by run " + r.runId();
    }
}
