package io.licensenotify.cli.violations.demo;

import io.licensenotify.cli.violations.RootNamingItsCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** Breaks the cycle rules on purpose: it reads what it needs from the command naming it, in another package. */
@Command(name = "sub")
public class CommandKnowingItsRoot {
    @ParentCommand
    RootNamingItsCommand root;
}
