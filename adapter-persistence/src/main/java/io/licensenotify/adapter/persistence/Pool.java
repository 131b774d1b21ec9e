package io.licensenotify.adapter.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.jooq.SQLDialect;

import java.time.Duration;

/**
 * The connection pool of a {@link Database}, and the settings every session starts with: UTC (the ledger stores UTC
 * timestamps, and PostgreSQL's timestamptz columns read back as UTC) and a bounded wait for locks.
 */
final class Pool {
    private Pool() {
    }

    /** A pool of at most {@code size} connections to {@code url} (whose dialect is {@code dialect}). */
    static HikariDataSource open(String url, SQLDialect dialect, String user, String password, int size,
                                 Duration lockTimeout) {
        HikariConfig config = new HikariConfig();
        // the MariaDB driver reads MySQL servers too, but only under its own scheme
        config.setJdbcUrl(dialect == SQLDialect.MYSQL ? "jdbc:mariadb:" + url.substring("jdbc:mysql:".length()) : url);
        if (user != null && !user.isEmpty()) config.setUsername(user);
        if (password != null && !password.isEmpty()) config.setPassword(password);
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(1);
        config.setPoolName("license-notify");
        config.setConnectionInitSql(sessionSettings(dialect, lockTimeout));
        return new HikariDataSource(config);
    }

    /**
     * UTC, the longest a statement waits for a lock another session holds (whole seconds on MariaDB/MySQL), and on
     * PostgreSQL, plans made for each statement's own values.
     */
    private static String sessionSettings(SQLDialect dialect, Duration lockTimeout) {
        long millis = lockTimeout.toMillis();
        return switch (dialect) {
            // innodb_lock_wait_timeout bounds row locks; lock_wait_timeout bounds table and metadata locks
            // (LOCK TABLES, a migration's ALTER TABLE), a day unless set
            case MARIADB, MYSQL -> "SET time_zone = '+00:00', innodb_lock_wait_timeout = " + seconds(millis)
                    + ", lock_wait_timeout = " + seconds(millis);
            // PostgreSQL plans a statement the driver has prepared five times once for good ("generic plan"): one made
            // while the ledger is empty would scan the whole table for the rest of a run that fills it. Planned for
            // its values every time, each statement keeps to the indexes, and a prepared one is still parsed only
            // once (docs/operating.md "Configuration", db.url; PostgreSQL 12 or later)
            case POSTGRES -> "SET TIME ZONE 'UTC'; SET lock_timeout = " + millis
                    + "; SET plan_cache_mode = force_custom_plan";
            default -> "SET TIME ZONE 'UTC'; SET LOCK_TIMEOUT " + millis;
        };
    }

    private static long seconds(long millis) {
        return Math.max(1, (millis + 999) / 1000);
    }
}
