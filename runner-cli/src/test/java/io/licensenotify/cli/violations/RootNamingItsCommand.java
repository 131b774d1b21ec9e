package io.licensenotify.cli.violations;

import io.licensenotify.cli.violations.demo.CommandKnowingItsRoot;
import picocli.CommandLine.Command;

/** Breaks the cycle rules on purpose, with {@link CommandKnowingItsRoot}: a command that knows the one naming it. */
@Command(name = "root", subcommands = CommandKnowingItsRoot.class)
public class RootNamingItsCommand {
}
