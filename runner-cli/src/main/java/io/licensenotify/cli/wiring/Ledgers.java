package io.licensenotify.cli.wiring;

import io.licensenotify.adapter.persistence.LedgerSchema;

/** What an operator reads about the ledger's tables, with the command that creates or upgrades them. */
public final class Ledgers {
    /** The commands that create the ledger's tables. */
    public static final String CREATES_IT = "'license-notify migrate' (or the first send) creates it";

    private Ledgers() {
    }

    /** Nothing when the ledger is at this version; else what to run, starting with "; ". */
    public static String advice(LedgerSchema.State state) {
        if (!state.exists()) return "; " + CREATES_IT;
        return state.current() ? "" : "; run 'license-notify migrate' (or a send) to bring it up to date";
    }

    /** The ledger's state and, when it is not at this version, what to run. */
    public static String describe(LedgerSchema.State state) {
        return state.describe() + advice(state);
    }
}
