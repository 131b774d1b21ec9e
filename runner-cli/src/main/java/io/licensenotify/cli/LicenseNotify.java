package io.licensenotify.cli;

import io.licensenotify.cli.config.ConfigException;
import io.licensenotify.cli.config.Keys;
import io.licensenotify.cli.config.Spelling;
import io.licensenotify.cli.demo.DemoCommand;
import io.licensenotify.cli.wiring.AppFactory;
import io.licensenotify.text.SafeText;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds and runs the command line. Usage errors and bad configuration exit 2 with a message and nothing sent;
 * an unexpected error exits 1 with one line (the stack trace only with {@code --verbose}).
 */
public final class LicenseNotify {
    private LicenseNotify() {
    }

    /** Runs one command line in this process and returns its exit status; logs go to the process's stderr. */
    public static int run(CliEnvironment environment, AppFactory apps, String... args) {
        return commandLine(environment, apps, new FileOutputStream(FileDescriptor.err)).execute(args);
    }

    /**
     * The command tree; {@code apps} builds what each command uses, {@code logTarget} receives the log lines.
     * Each command gets what it uses by constructor ({@link CommandFactory}).
     */
    public static CommandLine commandLine(CliEnvironment environment, AppFactory apps, OutputStream logTarget) {
        LicenseNotifyCommand root = new LicenseNotifyCommand(environment);
        CommandLine cl;
        try {
            cl = new CommandLine(root, new CommandFactory(root, environment, apps,
                    inner(root, environment, apps, logTarget)));
        } catch (Exception e) {
            throw new IllegalStateException("the command line cannot be built", e);
        }
        // every key from the registry, so that the help cannot miss one
        cl.getSubcommands().get("check").getCommandSpec().usageMessage()
                .footerHeading("%nConfiguration keys, their defaults and environment names:%n")
                .footer(Keys.usage().stream().map(line -> "  " + line.replace("%", "%%")).toArray(String[]::new));
        PrintWriter err = environment.err();
        cl.setOut(environment.out());
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionStrategy(parsed -> {
            try {
                Logging.configure(root.effectiveLogFormat(), root.verbose(), logTarget);
            } catch (ConfigException e) {
                return printConfigProblems(e, err);
            }
            return new CommandLine.RunLast().execute(parsed);
        });
        cl.setParameterExceptionHandler((ParameterException e, String[] args) -> {
            err.println("license-notify: " + e.getMessage());
            if (!UnmatchedArgumentException.printSuggestions(e, err) && !suggestCommand(e, err))
                err.println("Run '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help' for usage.");
            err.flush();
            return 2;
        });
        cl.setExecutionExceptionHandler((e, commandLine, parsed) -> {
            if (e instanceof ConfigException config) return printConfigProblems(config, err);
            // drivers quote URLs, passwords and all; values from outside may hold line breaks
            err.println("license-notify " + commandLine.getCommandName() + ": "
                    + root.masked(SafeText.printable(ErrorLine.of(e))));
            if (root.verbose()) err.print(root.masked(stackTrace(e)));
            else err.println("(run with --verbose for the stack trace)");
            err.flush();
            return 1;
        });
        return cl;
    }

    /**
     * What the demo runs: a command line in this process, with the caller's log format and verbosity and none of
     * the caller's environment variables (the demo's configuration is all in its own file).
     */
    private static DemoCommand.Runner inner(LicenseNotifyCommand root, CliEnvironment environment, AppFactory apps,
                                            OutputStream logTarget) {
        return args -> {
            List<String> all = new ArrayList<>(List.of("--log-format", root.effectiveLogFormat().name()));
            if (root.verbose()) all.add("--verbose");
            all.addAll(List.of(args));
            CliEnvironment isolated = new CliEnvironment(Map.of(), environment.clock(), environment.out(),
                    environment.err());
            return commandLine(isolated, apps, logTarget).execute(all.toArray(String[]::new));
        };
    }

    /**
     * picocli suggests the subcommand that shares the most letter pairs, which misses a swap ("sned" shares none with
     * "send"): the nearest command by edits, when picocli found none.
     */
    private static boolean suggestCommand(ParameterException e, PrintWriter err) {
        if (!(e instanceof UnmatchedArgumentException unmatched) || unmatched.getUnmatched().isEmpty()) return false;
        String typed = unmatched.getUnmatched().get(0);
        if (typed.startsWith("-")) return false;
        Optional<String> nearest = Spelling.nearest(typed, e.getCommandLine().getSubcommands().keySet(), 2);
        nearest.ifPresent(command -> err.println("Did you mean: "
                + e.getCommandLine().getCommandSpec().qualifiedName() + " " + command + "?"));
        return nearest.isPresent();
    }

    static int printConfigProblems(ConfigException e, PrintWriter err) {
        err.println("license-notify: the configuration cannot be used (" + e.problems().size()
                + (e.problems().size() == 1 ? " problem" : " problems") + "); nothing was sent:");
        e.problems().forEach(p -> err.println("  " + p));
        if (!e.warnings().isEmpty()) {
            err.println("and " + e.warnings().size() + (e.warnings().size() == 1 ? " warning:" : " warnings:"));
            e.warnings().forEach(w -> err.println("  " + w));
        }
        err.flush();
        return 2;
    }

    private static String stackTrace(Throwable t) {
        StringWriter trace = new StringWriter();
        t.printStackTrace(new PrintWriter(trace));
        return trace.toString();
    }
}
