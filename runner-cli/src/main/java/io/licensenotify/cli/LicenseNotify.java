package io.licensenotify.cli;

import com.google.inject.AbstractModule;
import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.ProvisionException;
import io.licensenotify.cli.config.ConfigException;
import io.licensenotify.cli.config.Keys;
import io.licensenotify.cli.wiring.AppModules;
import io.licensenotify.cli.wiring.GuiceFactory;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * Builds and runs the command line. Usage errors and bad configuration exit 2 with a message and nothing sent;
 * an unexpected error exits 1 with one line (the stack trace only with {@code --verbose}).
 */
public final class LicenseNotify {
    private LicenseNotify() {
    }

    /** Runs one command line in this process and returns its exit status; logs go to the process's stderr. */
    public static int run(CliEnvironment environment, AppModules app, String... args) {
        return commandLine(environment, app, new FileOutputStream(FileDescriptor.err)).execute(args);
    }

    /** The command tree, its commands made by Guice; {@code logTarget} receives the log lines. */
    public static CommandLine commandLine(CliEnvironment environment, AppModules app, OutputStream logTarget) {
        GuiceFactory factory = new GuiceFactory(Guice.createInjector(new AbstractModule() {
            @Override
            protected void configure() {
                bind(CliEnvironment.class).toInstance(environment);
                bind(AppModules.class).toInstance(app);
                bind(OutputStream.class).toInstance(logTarget);
            }
        }));
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
            if (!UnmatchedArgumentException.printSuggestions(e, err))
                err.println("Run '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help' for usage.");
            err.flush();
            return 2;
        });
        cl.setExecutionExceptionHandler((e, commandLine, parsed) -> {
            Throwable cause = unwrap(e);
            if (cause instanceof ConfigException config) return printConfigProblems(config, err);
            // drivers quote URLs, passwords and all; values from outside may hold line breaks
            err.println("license-notify " + commandLine.getCommandName() + ": " + root.masked(Printable.of(oneLine(cause))));
            if (root.verbose()) err.print(root.masked(stackTrace(cause)));
            else err.println("(run with --verbose for the stack trace)");
            err.flush();
            return 1;
        });
        return cl;
    }

    static int printConfigProblems(ConfigException e, PrintWriter err) {
        err.println("license-notify: the configuration cannot be used (" + e.problems().size()
                + (e.problems().size() == 1 ? " problem" : " problems") + "); nothing was sent:");
        e.problems().forEach(p -> err.println("  " + p));
        err.flush();
        return 2;
    }

    private static String stackTrace(Throwable t) {
        StringWriter trace = new StringWriter();
        t.printStackTrace(new PrintWriter(trace));
        return trace.toString();
    }

    /** Guice wraps what a provider threw; the operator wants the original. */
    static Throwable unwrap(Throwable e) {
        Throwable t = e;
        for (int i = 0; i < 10; i++) {
            if (t instanceof ProvisionException p && t.getCause() == null && !p.getErrorMessages().isEmpty()
                    && p.getErrorMessages().iterator().next().getCause() != null)
                t = p.getErrorMessages().iterator().next().getCause();
            else if (t instanceof CreationException c && t.getCause() == null && !c.getErrorMessages().isEmpty()
                    && c.getErrorMessages().iterator().next().getCause() != null)
                t = c.getErrorMessages().iterator().next().getCause();
            else if ((t instanceof ProvisionException || t instanceof CreationException) && t.getCause() != null)
                t = t.getCause();
            else break;
        }
        return t;
    }

    /** The first line of the message, with the error's simple class name when the message does not say much. */
    static String oneLine(Throwable t) {
        String message = t.getMessage() == null ? "" : t.getMessage().strip();
        if (t instanceof com.google.inject.ConfigurationException c && !c.getErrorMessages().isEmpty())
            message = c.getErrorMessages().iterator().next().getMessage();
        String first = message.lines().filter(l -> !l.isBlank()).findFirst().orElse("").strip();
        return first.isEmpty() ? t.getClass().getSimpleName() : t.getClass().getSimpleName() + ": " + first;
    }
}
