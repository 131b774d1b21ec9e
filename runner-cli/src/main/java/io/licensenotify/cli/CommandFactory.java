package io.licensenotify.cli;

import io.licensenotify.cli.demo.Console;
import io.licensenotify.cli.demo.DemoCommand;
import io.licensenotify.cli.demo.StandInsCommand;
import io.licensenotify.cli.config.Config;
import io.licensenotify.cli.wiring.AppFactory;
import io.licensenotify.cli.wiring.AppFactory.SuppressionsApp;
import picocli.CommandLine;

import java.util.Map;
import java.util.function.Supplier;

import static java.util.Map.entry;

/**
 * Builds each command with the few objects it uses, by constructor; picocli builds the rest (the converters, the
 * help command). The global options are parsed into the top-level command, which a command reads as its
 * {@link Invocation} when it runs.
 */
final class CommandFactory implements CommandLine.IFactory {
    private final Map<Class<?>, Supplier<Object>> commands;

    /** @param demoRuns how the demo runs a command line of its own */
    CommandFactory(Invocation invocation, CliEnvironment environment, AppFactory apps, DemoCommand.Runner demoRuns) {
        Console console = new Console(environment.out(), environment.clock());
        Supplier<SuppressionsApp> suppressions = () -> apps.suppressions(invocation.config(Config.Needs.DATABASE));
        commands = Map.ofEntries(
                entry(SendCommand.class, () -> new SendCommand(invocation, apps, environment)),
                entry(MigrateCommand.class, () -> new MigrateCommand(
                        () -> apps.migration(invocation.config(Config.Needs.DATABASE)), environment.out())),
                entry(HistoryCommand.class, () -> new HistoryCommand(invocation, apps, environment)),
                entry(ReleaseCommand.class, () -> new ReleaseCommand(invocation, apps, environment.out(),
                        environment.clock())),
                entry(SuppressionCommands.Suppress.class, () -> new SuppressionCommands.Suppress(invocation, apps,
                        environment.out(), environment.clock())),
                entry(SuppressionCommands.Unsuppress.class, () -> new SuppressionCommands.Unsuppress(
                        suppressions, environment.out())),
                entry(SuppressionCommands.ListThem.class, () -> new SuppressionCommands.ListThem(
                        suppressions, environment.out())),
                entry(CheckCommand.class, () -> new CheckCommand(invocation, apps, environment.out())),
                entry(DemoCommand.class, () -> new DemoCommand(console, demoRuns)),
                entry(StandInsCommand.class, () -> new StandInsCommand(console)));
    }

    @Override
    public <K> K create(Class<K> cls) throws Exception {
        Supplier<Object> command = commands.get(cls);
        return command != null ? cls.cast(command.get()) : CommandLine.defaultFactory().create(cls);
    }
}
