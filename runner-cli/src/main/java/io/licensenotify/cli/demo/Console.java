package io.licensenotify.cli.demo;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.Objects;

/**
 * Where the demo's commands print and the clock they read (the one the runner binds, so that tests can fix the day).
 */
public record Console(PrintWriter out, Clock clock) {
    public Console {
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(clock, "clock");
    }
}
