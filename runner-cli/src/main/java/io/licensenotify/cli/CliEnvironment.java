package io.licensenotify.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;

/**
 * What the command takes from the process: its environment variables, the clock, and the two streams. Stdout is
 * for command output (summary, table, JSON); logs and errors go to stderr. Tests pass their own.
 */
public record CliEnvironment(Map<String, String> env, Clock clock, PrintWriter out, PrintWriter err) {
    public CliEnvironment {
        env = Map.copyOf(env);
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
    }

    /** The real process: {@code System.getenv()}, the system clock in UTC, stdout and stderr. */
    public static CliEnvironment system() {
        return new CliEnvironment(System.getenv(), Clock.systemUTC(),
                new PrintWriter(System.out, true), new PrintWriter(System.err, true));
    }
}
