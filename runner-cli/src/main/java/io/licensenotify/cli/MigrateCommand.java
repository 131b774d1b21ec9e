package io.licensenotify.cli;

import io.licensenotify.cli.config.Config;
import io.licensenotify.cli.wiring.AppFactory;
import io.licensenotify.cli.wiring.SchemaMigration;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** Brings this project's own tables (the delivery ledger) up to date. */
@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = {
                "Applies this project's database migrations and exits.",
                "Flyway, with its own history table; license-manager's tables are never touched. Needs only the db.* configuration."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the schema is up to date", "1:a migration failed", "2:bad configuration or usage"})
final class MigrateCommand implements Callable<Integer> {
    private final Invocation invocation;
    private final AppFactory apps;
    private final PrintWriter out;

    MigrateCommand(Invocation invocation, AppFactory apps, PrintWriter out) {
        this.invocation = invocation;
        this.apps = apps;
        this.out = out;
    }

    @Override
    public Integer call() {
        SchemaMigration migration = apps.migration(invocation.config(Config.Needs.DATABASE));
        out.println(migration.migrate());
        out.flush();
        return 0;
    }
}
