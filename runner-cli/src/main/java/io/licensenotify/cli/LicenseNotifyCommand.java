package io.licensenotify.cli;

import io.licensenotify.cli.config.Config;
import io.licensenotify.cli.config.ConfigException;
import io.licensenotify.cli.demo.DemoCommand;
import io.licensenotify.cli.demo.StandInsCommand;
import io.licensenotify.text.SafeText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code license-notify}: the top-level command and its global options, which every subcommand reads through
 * {@link Invocation} when it runs.
 */
@Command(name = "license-notify", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false, usageHelpAutoWidth = true,
        description = {
                "Tells enterprise admins how their subscription licenses are consumed: Braze emails at 75 %% and 100 %% utilization and a weekly digest, each sent once and recorded in a delivery ledger.",
                ""},
        subcommands = {SendCommand.class, MigrateCommand.class, HistoryCommand.class, ReleaseCommand.class,
                SuppressionCommands.Suppress.class, SuppressionCommands.Unsuppress.class, SuppressionCommands.ListThem.class,
                CheckCommand.class, DemoCommand.class, StandInsCommand.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:all due emails were delivered (or nothing was due)",
                "1:some deliveries or enterprises failed; the run went on and reported them",
                "2:bad configuration or usage; nothing was sent"},
        footerHeading = "%nConfiguration:%n",
        footer = {
                "A properties file (--config FILE) and environment variables; the environment wins.",
                "Each key has an environment name: upper case, '.' and '-' as '_' (lms.base-url is LMS_BASE_URL).",
                "Run 'license-notify check' to see the effective configuration, secrets masked."})
final class LicenseNotifyCommand implements Callable<Integer>, Invocation {
    private static final Logger log = LoggerFactory.getLogger(LicenseNotifyCommand.class);

    @Spec
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "Properties file with the configuration; environment variables override it.")
    Path configFile;

    @Option(names = "--log-format", paramLabel = "FORMAT", scope = ScopeType.INHERIT,
            description = "Log lines on stderr: text or json (one object per line). Default: $LOG_FORMAT, else text.")
    LogFormat logFormat;

    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT,
            description = "Debug log lines, and the stack trace of an unexpected error.")
    boolean verbose;

    private final CliEnvironment environment;
    /** The secret values of the configuration read, to mask in what is printed; none until it is read. */
    private Set<String> secrets = Set.of();

    LicenseNotifyCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    /** Without a subcommand there is nothing to do: show the usage and exit 2. */
    @Override
    public Integer call() {
        spec.commandLine().usage(environment.err());
        return 2;
    }

    boolean verbose() {
        return verbose;
    }

    /** {@code --log-format}, else {@code LOG_FORMAT}, else text. */
    LogFormat effectiveLogFormat() {
        if (logFormat != null) return logFormat;
        String fromEnv = environment.env().getOrDefault("LOG_FORMAT", "").trim().toLowerCase(Locale.ROOT);
        if (fromEnv.isEmpty()) return LogFormat.text;
        try {
            return LogFormat.valueOf(fromEnv);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("LOG_FORMAT: '" + fromEnv + "' is neither text nor json");
        }
    }

    @Override
    public Config config(Config.Needs needs) {
        Config config = Config.load(Optional.ofNullable(configFile), environment.env());
        secrets = config.secretValues();
        Logging.maskAlso(secrets);
        config.validated(needs).warnings().forEach(log::warn);
        return config;
    }

    @Override
    public String masked(String text) {
        return SafeText.withoutSecrets(text, secrets);
    }
}
