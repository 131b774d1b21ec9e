package io.licensenotify.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.licensenotify.standin.BrazeStandIn;
import io.licensenotify.standin.LmsStandIn;
import io.licensenotify.standin.LmsStandIn.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The demo's stand-ins for the LMS and Braze, on their own: for trying license-notify against a database of one's
 * own (license-manager's tables created from the shipped DDL, README "The first real run") without a real LMS or Braze.
 * Every enterprise asked for has {@code --admins} admins, activated 30 days before the stand-ins started; each email
 * Braze takes is printed. Runs until stopped (Ctrl-C, SIGTERM: the stand-ins' threads end with the JVM) or for
 * {@code --for}.
 */
@Command(name = "stand-ins", mixinStandardHelpOptions = true,
        description = {
                "Runs loopback stand-ins for the LMS and Braze until stopped (Ctrl-C), to try license-notify against a database of your own without a real LMS or Braze.",
                "Prints the configuration keys that point license-notify at them (and writes them to --properties); every enterprise asked for has --admins admins, activated 30 days ago; each email Braze takes is printed. The stand-ins' credentials are made up and only for them."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:--for elapsed (Ctrl-C or SIGTERM ends it with the signal's status, 130 or 143)", "2:bad options"})
public final class StandInsCommand implements java.util.concurrent.Callable<Integer> {
    private final Console console;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--admins", defaultValue = "2", paramLabel = "N",
            description = "Admins of each enterprise the LMS stand-in is asked about (default: ${DEFAULT-VALUE}).")
    int admins;

    @Option(names = "--properties", paramLabel = "FILE",
            description = "Also write the configuration keys for the stand-ins to FILE (owner-only), to use beside the database's keys.")
    Path properties;

    @Option(names = "--for", paramLabel = "DURATION",
            description = "Stop after this long (ISO-8601, e.g. PT10M); by default run until stopped.")
    Duration duration;

    public StandInsCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() throws Exception {
        if (admins < 0 || admins > 1000)
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--admins must be between 0 and 1000, was " + admins);
        PrintWriter out = console.out();
        Instant activated = console.clock().instant().minus(Duration.ofDays(30));
        try (LmsStandIn lms = new LmsStandIn(DemoData.LMS_CLIENT_ID, DemoData.LMS_CLIENT_SECRET, DemoData.LMS_TOKEN);
             BrazeStandIn braze = new BrazeStandIn(DemoData.BRAZE_API_KEY)) {
            lms.directory(enterprise -> adminsOf(enterprise, admins, activated));
            Map<String, String> keys = new LinkedHashMap<>(DemoData.config("", lms.baseUrl(), braze.baseUrl()));
            keys.remove("db.url");
            keys.remove("db.user");
            out.println("LMS stand-in:   " + lms.baseUrl());
            out.println("Braze stand-in: " + braze.baseUrl());
            out.println("Configuration for them (beside your db.url, db.user, db.password):");
            keys.forEach((k, v) -> out.println("  " + k + "=" + v));
            if (properties != null) {
                DemoCommand.writeProperties(properties, keys);
                out.println("Written to " + properties);
            }
            out.println(duration == null ? "Running until stopped (Ctrl-C)." : "Running for " + duration + ".");
            out.flush();
            long deadline = duration == null ? Long.MAX_VALUE : System.nanoTime() + duration.toNanos();
            while (System.nanoTime() < deadline) {
                for (JsonNode request : braze.takeAccepted()) describe(request, out);
                out.flush();
                TimeUnit.MILLISECONDS.sleep(200);
            }
            for (JsonNode request : braze.takeAccepted()) describe(request, out);
            out.println("Stand-ins stopped after " + duration + ".");
            out.flush();
            return 0;
        }
    }

    /** {@code count} admins of {@code enterprise}, the same on every call: ids derived from the enterprise's uuid. */
    static List<Admin> adminsOf(UUID enterprise, int count, Instant activated) {
        long base = Math.floorMod(enterprise.getLeastSignificantBits(), 1_000_000L) * 1000;
        List<Admin> list = new ArrayList<>();
        for (int i = 1; i <= count; i++)
            list.add(Admin.of(base + i, base + 500 + i, "admin" + i, activated));
        return list;
    }

    private static void describe(JsonNode request, PrintWriter out) {
        String campaign = request.path("campaign_id").asText();
        String enterprise = request.path("trigger_properties").path("enterprise_customer_id").asText();
        List<String> users = new ArrayList<>();
        request.path("recipients").forEach(r -> users.add(r.path("external_user_id").asText()));
        out.println("Braze took " + campaign + " for enterprise " + enterprise + " to LMS users " + users);
    }
}
