package io.licensenotify.adapter.persistence;

import io.licensenotify.domain.DeliveryKey;
import io.licensenotify.ports.out.StorageException;
import org.jooq.SQLDialect;
import org.junit.jupiter.api.Assumptions;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import static io.licensenotify.adapter.persistence.generated.Tables.LICENSE_NOTIFY_DELIVERY;

/**
 * The databases the tests run on, overridable by environment variables ({@code LN_TEST_MARIADB_URL}, {@code _USER},
 * {@code _PASSWORD}; likewise {@code LN_TEST_POSTGRES_*}). In CI (env {@code CI} set) an unreachable database fails
 * the test; elsewhere the test is skipped with a printed line.
 */
public enum TestDatabase {
    H2("H2", null, null, null),
    MARIADB("MariaDB", "jdbc:mariadb://127.0.0.1:3306/test", "root", ""),
    POSTGRES("PostgreSQL", "jdbc:postgresql://127.0.0.1:5432/test", "postgres", "");

    private final String label;
    private final String url;
    private final String user;
    private final String password;

    TestDatabase(String label, String url, String user, String password) {
        this.label = label;
        this.url = url;
        this.user = user;
        this.password = password;
    }

    private String env(String suffix, String fallback) {
        String value = System.getenv("LN_TEST_" + name() + "_" + suffix);
        return value == null ? fallback : value;
    }

    /** The JDBC URL of this database; for H2, {@code h2Url}. */
    public String url(String h2Url) {
        return this == H2 ? h2Url : env("URL", url);
    }

    public String user() {
        return env("USER", user == null ? "" : user);
    }

    public String password() {
        return env("PASSWORD", password == null ? "" : password);
    }

    public String label() {
        return label;
    }

    /** Opens a pool; H2 gets a private in-memory database per call of {@link #freshH2Url()}. */
    public Database open(String h2Url, int poolSize) {
        return open(h2Url, poolSize, Database.DEFAULT_LOCK_TIMEOUT);
    }

    /** As {@link #open(String, int)}, with the longest a statement waits for another session's lock. */
    public Database open(String h2Url, int poolSize, java.time.Duration lockTimeout) {
        String u = url(h2Url);
        try {
            return Database.open(u, env("USER", user), env("PASSWORD", password), poolSize, lockTimeout);
        } catch (StorageException e) {
            String why = label + " at " + Database.describe(u) + " is not reachable: " + e.getMessage();
            if (System.getenv("CI") != null) throw new AssertionError(why + " (CI is set, so this fails)", e);
            System.out.println("SKIPPED " + label + " tests: " + why);
            Assumptions.abort(why);
            throw e;
        }
    }

    static String freshH2Url() {
        return "jdbc:h2:mem:ln-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    }

    /** The ledger brought to {@code version} only, as an older build left it. */
    public static void migrateLedgerTo(Database database, String version) {
        LedgerSchema.migrateTo(database, version);
    }

    /** Drops this project's tables so that each test class starts from an unmigrated schema. */
    public static void dropLedger(Database db) {
        execute(db, "DROP TABLE IF EXISTS license_notify_delivery", "DROP TABLE IF EXISTS license_notify_suppression",
                "DROP TABLE IF EXISTS " + Database.HISTORY_TABLE);
    }

    public static void execute(Database db, String... statements) {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            for (String sql : statements) s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("fixture SQL failed: " + e.getMessage(), e);
        }
    }

    /** Makes the claims of these keys look {@code by} older by the database's clock, as if their run had stalled. */
    static void backdate(Database db, Collection<DeliveryKey> keys, Duration by) {
        var d = LICENSE_NOTIFY_DELIVERY;
        LocalDateTime now = db.dsl().select(db.now()).fetchOne().value1();
        db.dsl().update(d).set(d.CLAIMED_AT, now.minus(by)).where(LedgerKeys.in(List.copyOf(keys))).execute();
    }

    public boolean isPostgres() {
        return this == POSTGRES;
    }

    SQLDialect dialect() {
        return switch (this) {
            case H2 -> SQLDialect.H2;
            case MARIADB -> SQLDialect.MARIADB;
            case POSTGRES -> SQLDialect.POSTGRES;
        };
    }
}
