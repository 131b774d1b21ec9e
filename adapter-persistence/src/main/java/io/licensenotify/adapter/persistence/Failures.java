package io.licensenotify.adapter.persistence;

import io.licensenotify.ports.out.StorageException;
import io.licensenotify.support.Causes;
import io.licensenotify.text.SafeText;
import org.jooq.SQLDialect;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;

/** Turns jOOQ and JDBC failures into the port's {@link StorageException}, transient when a later try may work. */
final class Failures {
    private Failures() {
    }

    static StorageException storage(String what, SQLDialect dialect, RuntimeException e) {
        // a driver that lost its connection may quote the URL it reconnects to
        String cause = SafeText.withoutSecrets(sentence(Database.rootMessage(e)));
        if (cause.length() > 400) cause = cause.substring(0, 400) + "...";
        return new StorageException(what + " failed on " + dialect.getName() + ": " + cause, isTransient(e), e);
    }

    /**
     * A failure reading license-manager's tables; when they are missing, says so and which database was searched (a
     * database of this project's own, such as the default embedded one, holds only the ledger).
     */
    static StorageException licenseData(String what, Database database, RuntimeException e) {
        if (!Causes.chain(e).anyMatch(Failures::tableMissing)) return storage(what, database.dialect(), e);
        return new StorageException(SafeText.withoutSecrets("license-manager's tables (subscriptions_customeragreement,"
                + " subscriptions_subscriptionplan, subscriptions_license) are not in " + database + ": db.url must"
                + " name license-manager's database (or a copy of its tables), not a database of license-notify's own",
                database.secrets()), false, e);
    }

    /** "Table not found": SQL state 42S02 (MariaDB/MySQL, H2), 42P01 (PostgreSQL), H2's code 42102, MySQL's 1146. */
    private static boolean tableMissing(Throwable t) {
        if (!(t instanceof SQLException sql)) return false;
        String state = sql.getSQLState() == null ? "" : sql.getSQLState();
        return state.equals("42S02") || state.equals("42P01") || state.equals("42102") || sql.getErrorCode() == 42102
                || sql.getErrorCode() == 1146;
    }

    /**
     * What a driver said, as one sentence: its first line, without the statement it quotes (H2's
     * {@code ; SQL statement:} and what follows, PostgreSQL's {@code Position:}) nor H2's error code suffix.
     */
    static String sentence(String driverMessage) {
        String text = driverMessage == null ? "" : driverMessage.strip();
        int statement = text.indexOf("; SQL statement:");
        if (statement < 0) statement = text.indexOf("SQL statement:");
        if (statement >= 0) text = text.substring(0, statement);
        text = text.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse("");
        return text.replaceFirst("\\s*\\[\\d{5}-\\d+]$", "").replaceFirst("[;:,\\s]+$", "");
    }

    /** MariaDB/MySQL's "lock wait timeout exceeded", whose SQL state is the catch-all HY000. */
    private static final int MYSQL_LOCK_WAIT_TIMEOUT = 1205;

    /**
     * Lost connections, pool, lock and statement timeouts (PostgreSQL 55P03 and 57014, MariaDB 1205), deadlocks and
     * serialization failures.
     */
    static boolean isTransient(Throwable e) {
        return Causes.chain(e).anyMatch(Failures::transientByItself);
    }

    private static boolean transientByItself(Throwable t) {
        if (t instanceof SQLTransientException || t instanceof SQLRecoverableException) return true;
        if (t instanceof SQLException sql && sql.getSQLState() != null) {
            String state = sql.getSQLState();
            return state.startsWith("08") || state.startsWith("40") || state.equals("57014")
                    || state.equals("55P03") || state.startsWith("HYT") || sql.getErrorCode() == MYSQL_LOCK_WAIT_TIMEOUT;
        }
        return false;
    }
}
