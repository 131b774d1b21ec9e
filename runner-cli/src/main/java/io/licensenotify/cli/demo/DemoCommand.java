package io.licensenotify.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.licensenotify.standin.Answer;
import io.licensenotify.standin.BrazeStandIn;
import io.licensenotify.standin.LmsStandIn;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Callable;

/**
 * The whole pipeline on this machine, with no setup and no network: license-manager-shaped sample data in an
 * embedded H2 database in a temporary folder, loopback stand-ins for the LMS and Braze, then the real
 * {@code send} command twice (it creates the ledger first, as any send does): the second run sends no admin email
 * again. It runs the command through a {@link Runner} (in this process, with none of the caller's environment
 * variables: the demo's configuration is all in its own file), knowing nothing of how the command line is built.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {
                "Runs the whole pipeline locally, twice, against sample data and stand-ins; no setup, no network.",
                "Creates an embedded database with license-manager-shaped sample data in a temporary folder, starts loopback stand-ins for the LMS and Braze, and runs the real send command twice: the first run shows what Braze received and the failure it reported, the second that nothing is sent again."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the demo behaved as described", "1:it did not (see the output)"})
public final class DemoCommand implements Callable<Integer> {
    /** Runs a command line of license-notify in this process, and returns its exit status. */
    @FunctionalInterface
    public interface Runner {
        int run(String... args);
    }

    @Option(names = "--keep", description = "Keep the temporary folder (database and configuration) and print its path.")
    boolean keep;

    private final Console console;
    private final Runner runner;

    public DemoCommand(Console console, Runner runner) {
        this.console = console;
        this.runner = runner;
    }

    @Override
    public Integer call() throws Exception {
        Path dir = Files.createTempDirectory("license-notify-demo-");
        PrintWriter out = console.out();
        LocalDate today = LocalDate.now(console.clock());
        String dbUrl = "jdbc:h2:file:" + dir.resolve("license-notify").toAbsolutePath();
        DemoData.load(dbUrl);
        try (LmsStandIn lms = new LmsStandIn(DemoData.LMS_CLIENT_ID, DemoData.LMS_CLIENT_SECRET, DemoData.LMS_TOKEN);
             BrazeStandIn braze = new BrazeStandIn(DemoData.BRAZE_API_KEY)) {
            DemoData.admins(today).forEach(lms::admins);
            lms.names(DemoData.names());
            // the LMS in trouble for one enterprise: every lookup of its admins fails
            DemoData.LMS_FAILS_FOR.forEach(enterprise -> lms.fault(LmsStandIn.learnersOf(enterprise), -1,
                    request -> Answer.json(500, Map.of("detail", "Internal Server Error"))));
            Path config = dir.resolve("demo.properties");
            writeProperties(config, DemoData.config(dbUrl, lms.baseUrl(), braze.baseUrl()));
            out.println("license-notify demo, as of " + today);
            out.println("  database:        " + dbUrl);
            out.println("                   6 enterprises: Acme 75 %, Globex 100 %, Initech 30 %, Umbrella 50 % with admins due a");
            out.println("                   digest, Hooli whose LMS lookup fails, and Soylent without an auto-assign plan, which");
            out.println("                   a run does not see (so each run sees 5)");
            out.println("  LMS stand-in:    " + lms.baseUrl());
            out.println("  Braze stand-in:  " + braze.baseUrl());
            out.println();
            out.flush();

            int adminEmailsInSecondRun = -1;
            int adminEmailsInFirstRun = -1;
            for (int run = 1; run <= 2; run++) {
                out.println();
                out.println("=== Run " + run + ": license-notify send-license-consumption-notifications");
                out.flush();
                int status = runner.run("--config", config.toString(), "send");
                List<JsonNode> received = braze.takeAccepted();
                int adminEmails = describe(received, out);
                out.println("Exit status: " + status + (status != 1 ? "" : adminEmails > 0
                        ? " (a failure was reported, the others were sent)"
                        : " (the failure was reported again; nothing else was due)"));
                out.flush();
                if (run == 1) adminEmailsInFirstRun = adminEmails;
                else adminEmailsInSecondRun = adminEmails;
            }
            out.println();
            boolean asDescribed = adminEmailsInFirstRun > 0 && adminEmailsInSecondRun == 0;
            out.println(asDescribed
                    ? "The second run sent no admin email again: every delivery is in the ledger (see 'history')."
                    : "Unexpected: the first run sent " + adminEmailsInFirstRun + " admin emails, the second "
                    + adminEmailsInSecondRun + ".");
            if (keep) out.println("Kept: " + dir + " (license-notify --config " + config + " history)");
            out.flush();
            return asDescribed ? 0 : 1;
        } finally {
            if (!keep) deleteQuietly(dir);
        }
    }

    /** Prints what Braze received; returns how many admin emails (recipients outside the run-error campaign). */
    static int describe(List<JsonNode> received, PrintWriter out) {
        int adminEmails = 0;
        long errorReports = received.stream().filter(DemoCommand::isErrorReport).count();
        long forAdmins = received.size() - errorReports;
        out.println("Braze received " + received.size() + (received.size() == 1 ? " request" : " requests")
                + (errorReports == 0 ? "" : forAdmins == 0 ? ": the run-error notification"
                : ": " + forAdmins + " with admin emails (the summary's 'Braze requests') and the run-error notification")
                + (errorReports == 0 ? ":" : " (sent after the summary's counts):"));
        for (JsonNode body : received) {
            String campaign = body.path("campaign_id").asText();
            JsonNode props = body.path("trigger_properties");
            List<String> recipients = new ArrayList<>();
            for (JsonNode r : body.path("recipients"))
                recipients.add(r.path("external_user_id").asText()
                        + (r.path("trigger_properties").hasNonNull("user_name")
                        ? " (" + r.path("trigger_properties").path("user_name").asText() + ")" : ""));
            boolean errorReport = isErrorReport(body);
            if (!errorReport) adminEmails += recipients.size();
            out.println("  " + campaign + (errorReport ? " (the run-error notification)" : "")
                    + (props.hasNonNull("enterprise_customer_name")
                    ? ", enterprise " + props.path("enterprise_customer_name").asText() : "")
                    + ", to " + String.join(", ", recipients));
            if (errorReport) out.println("    " + props);
        }
        return adminEmails;
    }

    private static boolean isErrorReport(JsonNode request) {
        return request.path("campaign_id").asText().endsWith("run-errors");
    }

    static void writeProperties(Path file, Map<String, String> values) throws IOException {
        Properties p = new Properties();
        p.putAll(values);
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            p.store(w, "license-notify demo " + UUID.randomUUID());
        }
        // it holds the stand-ins' (made-up) secrets: readable by its owner only, as the README asks of any such file
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }

    private static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary folder left behind is harmless
        }
    }
}
