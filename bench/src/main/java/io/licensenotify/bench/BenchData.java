package io.licensenotify.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The benchmark's license data, in license-manager's three tables as Django creates them (char(32) UUIDs on H2 and
 * MariaDB, native uuid on PostgreSQL). Enterprise {@code i} has one auto-assign plan with 4 seats in use or free and
 * one revoked; its utilization is 100 % when {@code i % 6 == 0}, 75 % when {@code i % 6 == 3} (a third cross a
 * threshold), else 25 % or 50 %. Its 3 admins (served by {@link SlowLms}) joined 30 days ago: all are due a digest.
 */
final class BenchData {
    static final int ADMINS_PER_ENTERPRISE = 3;
    static final int SEATS = 4;
    private static final long ENTERPRISE_MSB = 0xe0000000_0000_4000L;
    private static final long AGREEMENT_MSB = 0xa0000000_0000_4000L;
    private static final long PLAN_MSB = 0xb0000000_0000_4000L;
    private static final long LICENSE_MSB = 0xc0000000_0000_4000L;
    private static final long LSB = 0x80000000_00000000L;

    /** Where the data lives; each database gets a schema of its own, so no test's tables are touched. */
    enum Target {
        H2, MARIADB, POSTGRESQL;

        static Target parse(String name) {
            return switch (name.toLowerCase(Locale.ROOT)) {
                case "h2" -> H2;
                case "mariadb", "mysql" -> MARIADB;
                case "postgresql", "postgres" -> POSTGRESQL;
                default -> throw new IllegalArgumentException("--db must be h2, mariadb or postgresql, was " + name);
            };
        }
    }

    /** A JDBC URL with its credentials, for the bench and for the product's configuration. */
    record Jdbc(String url, String user, String password) {
        Connection connect() throws SQLException {
            return DriverManager.getConnection(url, user, password);
        }
    }

    private BenchData() {
    }

    static UUID enterprise(long i) {
        return new UUID(ENTERPRISE_MSB, LSB | i);
    }

    /**
     * Enterprise {@code i} with the first 32 bits of its uuid spread (i times an odd constant), as random uuids are:
     * the data of {@code --shards}, whose shards are chosen by those bits.
     */
    static UUID spreadEnterprise(long i) {
        return new UUID(spreadMsb(i), LSB | i);
    }

    private static long spreadMsb(long i) {
        return (((i * 2_654_435_761L) & 0xFFFFFFFFL) << 32) | (ENTERPRISE_MSB & 0xFFFFFFFFL);
    }

    /** The index of a benchmark enterprise (either form), or -1 for any other uuid. */
    static long indexOf(UUID enterprise) {
        long i = enterprise.getLeastSignificantBits() & ~LSB;
        long msb = enterprise.getMostSignificantBits();
        return msb == ENTERPRISE_MSB || msb == spreadMsb(i) ? i : -1;
    }

    /** Seats allocated of {@link #SEATS}: 4 or 3 (crossing 100 % or 75 %) for a third, 1 or 2 for the others. */
    static int allocated(long i) {
        return switch ((int) (i % 6)) {
            case 0 -> 4;
            case 3 -> 3;
            case 1, 4 -> 1;
            default -> 2;
        };
    }

    static boolean crossesAThreshold(long i) {
        return allocated(i) * 100 >= SEATS * 75;
    }

    /** A fresh, empty place for the data: a new H2 file, or a schema of its own on the server, emptied. */
    static Jdbc prepare(Target target, java.nio.file.Path dir, String schema) throws SQLException {
        return switch (target) {
            case H2 -> new Jdbc("jdbc:h2:file:" + dir.resolve("bench").toAbsolutePath(), "", "");
            case MARIADB -> {
                Jdbc admin = new Jdbc(env("BENCH_MARIADB_URL", "jdbc:mariadb://127.0.0.1:3306/test"),
                        env("BENCH_MARIADB_USER", "root"), env("BENCH_MARIADB_PASSWORD", ""));
                try (Connection c = admin.connect(); Statement s = c.createStatement()) {
                    // every table of ours goes, whatever migrations made it (suppressions, releases, ...)
                    s.execute("DROP DATABASE IF EXISTS " + schema);
                    s.execute("CREATE DATABASE " + schema);
                }
                String base = admin.url().substring(0, admin.url().lastIndexOf('/'));
                yield new Jdbc(base + "/" + schema, admin.user(), admin.password());
            }
            case POSTGRESQL -> {
                Jdbc admin = new Jdbc(env("BENCH_POSTGRESQL_URL", "jdbc:postgresql://127.0.0.1:5432/test"),
                        env("BENCH_POSTGRESQL_USER", "postgres"), env("BENCH_POSTGRESQL_PASSWORD", ""));
                try (Connection c = admin.connect(); Statement s = c.createStatement()) {
                    s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
                    s.execute("CREATE SCHEMA " + schema);
                }
                yield new Jdbc(admin.url() + (admin.url().contains("?") ? "&" : "?")
                        + "currentSchema=" + schema, admin.user(), admin.password());
            }
        };
    }

    /**
     * Creates license-manager's tables and fills them with {@code n} enterprises as of {@code today}, their uuids
     * {@link #spreadEnterprise spread} over shards when {@code spread}.
     */
    static void fill(Target target, Jdbc jdbc, long n, LocalDate today, boolean spread) throws SQLException {
        boolean pg = target == Target.POSTGRESQL;
        String uuid = pg ? "uuid" : "char(32)";
        String time = switch (target) {
            case POSTGRESQL -> "timestamp with time zone";
            case MARIADB -> "datetime(6)";
            case H2 -> "timestamp(6)";
        };
        try (Connection c = jdbc.connect()) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE subscriptions_customeragreement (uuid " + uuid + " NOT NULL PRIMARY KEY,"
                        + " created " + time + " NULL, enterprise_customer_uuid " + uuid + " NOT NULL UNIQUE,"
                        + " enterprise_customer_slug varchar(128) NULL UNIQUE, enterprise_customer_name varchar(255) NULL)");
                s.execute("CREATE TABLE subscriptions_subscriptionplan (uuid " + uuid + " NOT NULL PRIMARY KEY,"
                        + " title varchar(128) NOT NULL, start_date " + time + " NOT NULL,"
                        + " expiration_date " + time + " NOT NULL, is_active boolean NOT NULL,"
                        + " should_auto_apply_licenses boolean NULL,"
                        + " customer_agreement_id " + uuid + " NOT NULL REFERENCES subscriptions_customeragreement (uuid))");
                s.execute("CREATE TABLE subscriptions_license (uuid " + uuid + " NOT NULL PRIMARY KEY,"
                        + " status varchar(25) NOT NULL, lms_user_id int NULL,"
                        + " subscription_plan_id " + uuid + " NOT NULL REFERENCES subscriptions_subscriptionplan (uuid))");
                s.execute("CREATE INDEX subscriptions_license_plan_status ON subscriptions_license (subscription_plan_id, status)");
                s.execute("CREATE INDEX subscriptions_plan_agreement ON subscriptions_subscriptionplan (customer_agreement_id)");
            }
            c.setAutoCommit(false);
            String u = pg ? "cast(? as uuid)" : "?";
            Object start = time(pg, today.minusDays(30).atStartOfDay());
            Object end = time(pg, today.plusDays(335).atStartOfDay());
            try (PreparedStatement agreements = c.prepareStatement("INSERT INTO subscriptions_customeragreement"
                    + " (uuid, enterprise_customer_uuid, enterprise_customer_slug, enterprise_customer_name) VALUES ("
                    + u + ", " + u + ", ?, ?)");
                 PreparedStatement plans = c.prepareStatement("INSERT INTO subscriptions_subscriptionplan (uuid, title,"
                         + " start_date, expiration_date, is_active, should_auto_apply_licenses, customer_agreement_id)"
                         + " VALUES (" + u + ", ?, ?, ?, ?, ?, " + u + ")");
                 PreparedStatement licenses = c.prepareStatement("INSERT INTO subscriptions_license (uuid, status,"
                         + " subscription_plan_id) VALUES (" + u + ", ?, " + u + ")")) {
                for (long i = 0; i < n; i++) {
                    String agreement = stored(pg, new UUID(AGREEMENT_MSB, LSB | i));
                    String plan = stored(pg, new UUID(PLAN_MSB, LSB | i));
                    agreements.setString(1, agreement);
                    agreements.setString(2, stored(pg, spread ? spreadEnterprise(i) : enterprise(i)));
                    agreements.setString(3, "bench-" + i);
                    agreements.setString(4, "Bench Enterprise " + i);
                    agreements.addBatch();
                    plans.setString(1, plan);
                    plans.setString(2, "Bench plan " + i);
                    plans.setObject(3, start);
                    plans.setObject(4, end);
                    plans.setBoolean(5, true);
                    plans.setBoolean(6, true);
                    plans.setString(7, agreement);
                    plans.addBatch();
                    int allocated = allocated(i);
                    for (int seat = 0; seat <= SEATS; seat++) {
                        String status = seat == SEATS ? "revoked"
                                : seat < allocated ? (seat % 2 == 0 ? "activated" : "assigned") : "unassigned";
                        licenses.setString(1, stored(pg, new UUID(LICENSE_MSB | seat, LSB | i)));
                        licenses.setString(2, status);
                        licenses.setString(3, plan);
                        licenses.addBatch();
                    }
                    if ((i + 1) % 2_000 == 0 || i + 1 == n) {
                        agreements.executeBatch();
                        plans.executeBatch();
                        licenses.executeBatch();
                        c.commit();
                    }
                }
            }
            // statistics, as a database that has held these tables for long has them: otherwise the server's own
            // analyze of the fresh rows starts whenever its timer says, in some runs in the middle of the send
            c.setAutoCommit(true);
            try (Statement s = c.createStatement()) {
                s.execute(switch (target) {
                    case POSTGRESQL -> "ANALYZE " + LICENSE_TABLES;
                    case MARIADB -> "ANALYZE TABLE " + LICENSE_TABLES;
                    case H2 -> "ANALYZE";
                });
            }
        }
    }

    private static final String LICENSE_TABLES = "subscriptions_customeragreement, subscriptions_subscriptionplan,"
            + " subscriptions_license";

    private static Object time(boolean pg, LocalDateTime utc) {
        return pg ? utc.atOffset(ZoneOffset.UTC) : utc;
    }

    private static String stored(boolean pg, UUID uuid) {
        return pg ? uuid.toString() : uuid.toString().replace("-", "");
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isEmpty() ? fallback : v;
    }
}
