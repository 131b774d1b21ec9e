package io.licensenotify.cli;

import io.licensenotify.cli.config.Config;
import io.licensenotify.cli.config.ConfigException;

/**
 * What a command takes from the global options ({@code --config} and the environment), read when it runs, once
 * the command line is parsed: the top-level command answers it.
 */
interface Invocation {
    /**
     * The configuration, read from {@code --config} and the environment, checked for what the command needs: a
     * problem throws {@link ConfigException} (exit 2) before any adapter exists.
     */
    Config config(Config.Needs needs);

    /** {@code text} (an error message, a stack trace) without any secret: URL forms and the configuration's values. */
    String masked(String text);
}
