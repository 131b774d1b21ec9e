package io.licensenotify.adapter.persistence;

import com.zaxxer.hikari.HikariDataSource;
import io.licensenotify.ports.out.StorageException;
import io.licensenotify.support.Causes;
import io.licensenotify.text.SafeText;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.SQLDialect;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;
import org.jooq.impl.SQLDataType;

import javax.sql.DataSource;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.HashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * This project's connection to the database that holds license-manager's tables and the delivery ledger: a
 * connection pool, the jOOQ context for the dialect named by the JDBC URL ({@code jdbc:h2}, {@code jdbc:mariadb},
 * {@code jdbc:mysql}, {@code jdbc:postgresql}) and the Flyway migrations of this project's own tables. The pool and
 * its sessions' settings are {@link Pool}'s; the statements are counted and cancelled by {@link RunningStatements}.
 * Thread-safe. Closing it closes the pool.
 */
public final class Database implements AutoCloseable {
    /** The embedded default ({@code db.url}). */
    public static final String DEFAULT_URL = "jdbc:h2:file:./data/license-notify";
    /** How long a statement waits for a lock held by another session, unless told otherwise. */
    public static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofSeconds(10);
    /** Flyway's history of this project's migrations, apart from any other Flyway user of the same schema. */
    public static final String HISTORY_TABLE = "license_notify_schema_history";

    private final HikariDataSource dataSource;
    /** The password and what the URL holds of one: masked in every message, where drivers quote them. */
    private final Set<String> secrets;
    private final SQLDialect dialect;
    private final DSLContext dsl;
    private final RunningStatements statements = new RunningStatements();
    private final Field<LocalDateTime> now;

    private Database(HikariDataSource dataSource, SQLDialect dialect, Set<String> secrets) {
        this.dataSource = dataSource;
        this.secrets = Set.copyOf(secrets);
        this.dialect = dialect;
        DefaultConfiguration configuration = new DefaultConfiguration();
        configuration.set(dataSource);
        configuration.set(dialect);
        configuration.set(settings());
        configuration.set(statements);
        this.dsl = DSL.using(configuration);
        // MariaDB's CURRENT_TIMESTAMP has whole seconds unless asked for more
        this.now = DSL.field(dialect == SQLDialect.MARIADB || dialect == SQLDialect.MYSQL
                ? "current_timestamp(6)" : "localtimestamp", SQLDataType.LOCALDATETIME(6));
    }

    /**
     * Opens a pool of at most {@code poolSize} connections. The password, given apart or in the URL in any form, is
     * used for connecting only: it never appears in a message (the drivers' own messages, which may quote the URL, are
     * masked with {@link SafeText}; the cause of a {@link StorageException} is the driver's, unmasked).
     *
     * @throws IllegalArgumentException when the URL names no supported database
     * @throws StorageException         when the database cannot be reached
     */
    public static Database open(String url, String user, String password, int poolSize) {
        return open(url, user, password, poolSize, DEFAULT_LOCK_TIMEOUT);
    }

    /**
     * As {@link #open(String, String, String, int)}, with the longest a statement waits for a lock another session
     * holds (whole seconds on MariaDB/MySQL). Without it PostgreSQL waits forever, and a cron run would hang
     * behind a stuck session instead of failing with a message.
     */
    public static Database open(String url, String user, String password, int poolSize, Duration lockTimeout) {
        Objects.requireNonNull(url, "db.url");
        Objects.requireNonNull(lockTimeout, "lockTimeout");
        if (lockTimeout.isNegative() || lockTimeout.isZero())
            throw new IllegalArgumentException("lock timeout must be positive, was " + lockTimeout);
        if (poolSize < 1) throw new IllegalArgumentException("pool size must be at least 1, was " + poolSize);
        SQLDialect dialect = dialectOf(url);
        Set<String> secrets = new HashSet<>(SafeText.secretsInUrl(url));
        if (password != null) secrets.add(password);
        try {
            return new Database(Pool.open(url, dialect, user, password, poolSize, lockTimeout), dialect, secrets);
        } catch (RuntimeException e) {
            throw new StorageException(SafeText.withoutSecrets("cannot connect to " + describe(url) + " as user '" + user
                    + "': " + Failures.sentence(rootMessage(e)), secrets), true, e);
        }
    }

    /**
     * As {@link #open(String, String, String, int, Duration)} for a command that only reads (a dry run, {@code history},
     * {@code check}): an embedded H2 database is opened only if its file exists ({@code IFEXISTS}), never created.
     *
     * @throws NotFound when there is no such H2 database
     */
    public static Database openExisting(String url, String user, String password, int poolSize, Duration lockTimeout) {
        Objects.requireNonNull(url, "db.url");
        boolean embeddedH2 = dialectOf(url) == SQLDialect.H2 && !url.toLowerCase(Locale.ROOT).startsWith("jdbc:h2:mem:");
        if (!embeddedH2 || url.toUpperCase(Locale.ROOT).contains(";IFEXISTS=")) 
            return open(url, user, password, poolSize, lockTimeout);
        try {
            return open(url + ";IFEXISTS=TRUE", user, password, poolSize, lockTimeout);
        } catch (StorageException e) {
            if (Causes.chain(e).anyMatch(t -> t instanceof java.sql.SQLException sql
                    && sql.getErrorCode() == H2_DATABASE_NOT_FOUND))
                throw new NotFound("H2 at " + describe(url), e);
            throw e;
        }
    }

    /** H2's "Database ... not found, either pre-create it or allow remote database creation". */
    private static final int H2_DATABASE_NOT_FOUND = 90146;

    /** {@link #openExisting}: the embedded database does not exist (yet). */
    public static final class NotFound extends StorageException {
        private final String database;

        NotFound(String database, Throwable cause) {
            super("there is no database at " + database + " (this command never creates one)", false, cause);
            this.database = database;
        }

        /** The database named as {@link Database#toString()} names it: {@code H2 at jdbc:h2:file:...}. */
        public String database() {
            return database;
        }
    }

    /** The dialect a JDBC URL names. */
    public static SQLDialect dialectOf(String url) {
        String u = url.toLowerCase(Locale.ROOT);
        if (u.startsWith("jdbc:h2:")) return SQLDialect.H2;
        if (u.startsWith("jdbc:mariadb:")) return SQLDialect.MARIADB;
        if (u.startsWith("jdbc:mysql:")) return SQLDialect.MYSQL;
        if (u.startsWith("jdbc:postgresql:")) return SQLDialect.POSTGRES;
        throw new IllegalArgumentException("unsupported database URL " + describe(url)
                + " (expected jdbc:h2:, jdbc:mariadb:, jdbc:mysql: or jdbc:postgresql:)");
    }

    /**
     * Applies this project's migrations (its own tables only; license-manager's are never touched). Applying
     * them again is a no-op. A schema that already holds license-manager's tables is fine.
     *
     * @return one line for the operator: the ledger's version, and how many migrations were applied now
     */
    public String migrate() {
        return LedgerSchema.migrate(this);
    }

    /** The ledger's tables as they are, read without changing anything (no DDL): for the read-only commands. */
    public LedgerSchema.State ledgerState() {
        return LedgerSchema.state(this);
    }

    /** The jOOQ context over the pool; names render unquoted and without schema, so any current schema works. */
    public DSLContext dsl() {
        return dsl;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public SQLDialect dialect() {
        return dialect;
    }

    /**
     * The database's clock, as UTC (every session is set to UTC), with microseconds: claims and lease ages use it,
     * so that processes on machines whose clocks disagree agree on how old a claim is.
     */
    public Field<LocalDateTime> now() {
        return now;
    }

    /** SQL statements executed through {@link #dsl()} since the database was opened (a batch counts once). */
    public long statementsExecuted() {
        return statements.executed();
    }

    /**
     * A statement sent past jOOQ ({@link Rendered}) begins: counted, and cancelled by {@link #cancelRunning()} until
     * {@link #ended} is called with the same key.
     */
    void began(Object key, Statement statement) {
        statements.began(key, statement);
    }

    void ended(Object key) {
        statements.ended(key);
    }

    /** Whether {@link #cancelRunning()} was called: what fails now is not tried again. */
    public boolean cancelled() {
        return statements.cancelled();
    }

    /**
     * Cancels every statement this database is running, a wait for a lock included: for a run stopped at once (the
     * grace period over, or a second signal), which must not wait out {@code db.lock-timeout}. Each cancelled
     * statement fails with the driver's error, as a lost connection would; what the ledger recorded stays true (a
     * claim never sent is released or reclaimed, a delivery marked as sending is settled or swept as uncertain).
     *
     * @return how many statements were cancelled
     */
    public int cancelRunning() {
        return statements.cancelAll();
    }

    @Override
    public void close() {
        dataSource.close();
    }

    /** {@code H2 at jdbc:h2:file:./data/license-notify}: the database named for people, no password. */
    @Override
    public String toString() {
        return label(dialect) + " at " + describe(dataSource.getJdbcUrl());
    }

    /** The database's own name for people: {@code PostgreSQL} where jOOQ says {@code Postgres}. */
    static String label(SQLDialect dialect) {
        return switch (dialect) {
            case MARIADB -> "MariaDB";
            case MYSQL -> "MySQL";
            case POSTGRES -> "PostgreSQL";
            default -> dialect.getName();
        };
    }

    Set<String> secrets() {
        return secrets;
    }

    static Settings settings() {
        return new Settings()
                .withRenderSchema(false)
                .withRenderCatalog(false)
                .withRenderQuotedNames(RenderQuotedNames.EXPLICIT_DEFAULT_UNQUOTED);
    }

    /** A URL without its parameters, which may carry a password. */
    static String describe(String url) {
        if (url == null) return "(no URL)";
        int cut = url.length();
        for (char c : new char[] {'?', ';', '&'}) {
            int i = url.indexOf(c);
            if (i >= 0) cut = Math.min(cut, i);
        }
        String base = url.substring(0, cut);
        int at = base.indexOf('@');
        int slashes = base.indexOf("//");
        return at > slashes && slashes >= 0 ? base.substring(0, slashes + 2) + base.substring(at + 1) : base;
    }

    static String rootMessage(Throwable e) {
        Throwable t = Causes.root(e);
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }
}
