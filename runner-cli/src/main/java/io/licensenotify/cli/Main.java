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
        // The JDK HTTP client keeps an idle connection for 20 minutes, far longer than servers do; a POST written on
        // a connection the server has just closed fails after it left us, and a Braze send then counts as
        // uncertain. Dropping idle connections after 20 s (below common server idle timeouts) makes that rare.
        if (System.getProperty("jdk.httpclient.keepalive.timeout") == null)
            System.setProperty("jdk.httpclient.keepalive.timeout", "20");
        System.exit(LicenseNotify.run(CliEnvironment.system(), Wiring::adapterModules, args));
    }
}
