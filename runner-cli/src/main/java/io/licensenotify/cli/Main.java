package io.licensenotify.cli;

import io.licensenotify.cli.wiring.Wiring;

/** The jar's entry point: runs the command and exits with its status (0, 1 or 2). */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        // jOOQ prints a banner and a tip at start-up; an operator's cron log does not need them
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
        CliEnvironment environment = CliEnvironment.system();
        System.exit(LicenseNotify.run(environment, new Wiring(environment.clock()), args));
    }
}
