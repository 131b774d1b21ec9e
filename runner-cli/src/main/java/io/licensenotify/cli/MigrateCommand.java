package io.licensenotify.cli;

import io.licensenotify.cli.wiring.SchemaMigration;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * Brings this project's own tables (the delivery ledger) up to date.
 *
 * @param migrations the migration of the configured database, made when the command runs
 */
@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = {
                "Applies this project's database migrations and exits.",
                "Flyway, with its own history table; license-manager's tables are never touched. Needs only the db.* configuration."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the schema is up to date", "1:a migration failed", "2:bad configuration or usage"})
record MigrateCommand(Supplier<SchemaMigration> migrations, PrintWriter out) implements Callable<Integer> {
    @Override
    public Integer call() {
        SchemaMigration migration = migrations.get();
        out.println(migration.migrate());
        out.flush();
        return 0;
    }
}
