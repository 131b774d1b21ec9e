package io.licensenotify.cli.wiring;

/** Applies this project's own database migrations (the delivery ledger), for the {@code migrate} command. */
public interface SchemaMigration {
    /**
     * Brings the schema up to date; safe to run again.
     *
     * @return one line for the operator, like "applied 2 migrations, schema now at version 2"
     */
    String migrate();
}
