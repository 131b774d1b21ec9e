package io.licensenotify.cli;

import io.licensenotify.cli.config.Config;
import io.licensenotify.cli.wiring.AppFactory;
import io.licensenotify.cli.wiring.Probe;
import io.licensenotify.text.SafeText;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/** Validates the configuration and reaches each system once, sending nothing. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {
                "Validates the configuration and reaches the database, the LMS and Braze, sending nothing.",
                "Prints the effective configuration (secrets masked) and one line per system reached."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:configuration valid and every system reached", "1:a system could not be reached",
                "2:bad configuration or usage"})
record CheckCommand(Invocation invocation, AppFactory apps, PrintWriter out) implements Callable<Integer> {

    @Override
    public Integer call() {
        Config config = invocation.config(Config.Needs.EVERYTHING);
        out.println("Configuration (secrets masked):");
        config.describe().lines().forEach(l -> out.println("  " + l));
        config.warnings().forEach(w -> out.println("warning: " + w));
        List<Probe> probes = apps.probes(config);
        if (probes.isEmpty()) out.println("No systems to reach: no probe is wired.");
        int failed = 0;
        for (Probe probe : probes) {
            try {
                out.println("ok     " + probe.name() + ": " + invocation.masked(SafeText.printable(probe.probe())));
            } catch (Exception e) {
                failed++;
                out.println("FAILED " + probe.name() + ": " + invocation.masked(SafeText.printable(reason(e))));
            }
        }
        out.println(failed == 0 ? "Check passed." : "Check failed: " + failed + " of " + probes.size() + " unreachable.");
        out.flush();
        return failed == 0 ? 0 : 1;
    }

    /** What went wrong in words: the first line of the message, the error's name only when it says nothing. */
    static String reason(Exception e) {
        String message = e.getMessage() == null ? "" : e.getMessage().strip();
        return message.lines().filter(l -> !l.isBlank()).findFirst().map(String::strip)
                .orElse(e.getClass().getSimpleName());
    }
}
