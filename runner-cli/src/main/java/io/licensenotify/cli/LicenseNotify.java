package io.licensenotify.cli;

import io.licensenotify.cli.config.ConfigException;
import io.licensenotify.cli.config.Keys;
import io.licensenotify.cli.config.Spelling;
import io.licensenotify.cli.demo.DemoCommand;
import io.licensenotify.cli.wiring.AppFactory;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
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
     * The commands that need them get them by constructor; picocli makes the others.
     */
    public static CommandLine commandLine(CliEnvironment environment, AppFactory apps, OutputStream logTarget) {
        CommandLine.IFactory factory = new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> cls) throws Exception {
                if (cls == LicenseNotifyCommand.class) return cls.cast(new LicenseNotifyCommand(environment, apps));
                if (cls == DemoCommand.class) return cls.cast(new DemoCommand(logTarget));
                return CommandLine.defaultFactory().create(cls);
            }
        };
        CommandLine cl;
        try {
            cl = new CommandLine(LicenseNotifyCommand.class, factory);
        } catch (Exception e) {
            throw new IllegalStateException("the command line cannot be built", e);
        }
        LicenseNotifyCommand root = cl.getCommand();
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
            err.println("license-notify " + commandLine.getCommandName() + ": " + root.masked(Printable.of(oneLine(e))));
            if (root.verbose()) err.print(root.masked(stackTrace(e)));
            else err.println("(run with --verbose for the stack trace)");
            err.flush();
            return 1;
        });
        return cl;
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

    /**
     * The first line of the message: our own errors' messages are sentences (a storage error says what failed on
     * which database); another's comes with its simple class name, which may be all it says.
     */
    static String oneLine(Throwable t) {
        String message = t.getMessage() == null ? "" : t.getMessage().strip();
        String first = message.lines().filter(l -> !l.isBlank()).findFirst().orElse("").strip();
        if (first.isEmpty()) return t.getClass().getSimpleName();
        return t.getClass().getName().startsWith("io.licensenotify.") ? first : t.getClass().getSimpleName() + ": " + first;
    }
}
