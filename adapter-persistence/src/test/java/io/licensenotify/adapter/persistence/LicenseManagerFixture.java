package io.licensenotify.adapter.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * license-manager's three tables as Django creates them: char(32) UUIDs and datetime(6) on MariaDB (and H2),
 * native uuid and timestamptz on PostgreSQL. Only tests create and write them; the module never does.
 */
public final class LicenseManagerFixture {
    private final Database db;
    private final TestDatabase target;
    private final List<Object[]> agreements = new ArrayList<>();
    private final List<Object[]> plans = new ArrayList<>();
    private final List<Object[]> licenses = new ArrayList<>();

    public LicenseManagerFixture(Database db, TestDatabase target) {
        this.db = db;
        this.target = target;
    }

    /**
     * Drops license-manager's tables and creates them again from the DDL this project ships for the dialect
     * ({@link #SHIPPED}), so that every test on H2, MariaDB and PostgreSQL proves those files.
     */
    public void recreateTables() {
        TestDatabase.execute(db,
                "DROP TABLE IF EXISTS subscriptions_license",
                "DROP TABLE IF EXISTS subscriptions_subscriptionplan",
                "DROP TABLE IF EXISTS subscriptions_customeragreement");
        TestDatabase.execute(db, shippedStatements(target).toArray(String[]::new));
    }

    /** Where the shipped DDL of license-manager's tables is, by dialect, on the classpath and in the jar
     * ({@code adapter-persistence/src/license-manager-tables/} in the repository). */
    public static final String SHIPPED = "/license-manager-tables/";

    /** The statements of the shipped DDL for {@code target}: comments dropped, split at each {@code ;}. */
    public static List<String> shippedStatements(TestDatabase target) {
        String file = SHIPPED + switch (target) {
            case POSTGRES -> "postgresql.sql";
            case MARIADB -> "mariadb.sql";
            case H2 -> "h2.sql";
        };
        try (var in = LicenseManagerFixture.class.getResourceAsStream(file)) {
            if (in == null) throw new IllegalStateException(file + " is not on the classpath");
            String text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            List<String> statements = new ArrayList<>();
            StringBuilder sql = new StringBuilder();
            for (String line : text.split("\n")) {
                if (line.strip().startsWith("--")) continue;
                sql.append(line).append('\n');
                if (line.strip().endsWith(";")) {
                    String statement = sql.toString().strip();
                    statements.add(statement.substring(0, statement.length() - 1));
                    sql.setLength(0);
                }
            }
            return statements;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public void empty() {
        TestDatabase.execute(db, "DELETE FROM subscriptions_license", "DELETE FROM subscriptions_subscriptionplan",
                "DELETE FROM subscriptions_customeragreement");
    }

    /** The form Django stores: 32 hex digits on MySQL/MariaDB, dashed on PostgreSQL. */
    public String stored(UUID uuid) {
        return target.isPostgres() ? uuid.toString() : uuid.toString().replace("-", "");
    }

    public UUID agreement(UUID enterprise, String name, String slug) {
        UUID agreement = UUID.randomUUID();
        agreements.add(new Object[] {stored(agreement), stored(enterprise), slug, name});
        return agreement;
    }

    public UUID plan(UUID agreement, String title, Instant start, Instant expiration, boolean active, Boolean autoApply) {
        return plan(UUID.randomUUID(), agreement, title, start, expiration, active, autoApply);
    }

    /** A plan with a uuid of the caller's. */
    public UUID plan(UUID plan, UUID agreement, String title, Instant start, Instant expiration, boolean active,
                     Boolean autoApply) {
        plans.add(new Object[] {stored(plan), title, utc(start), utc(expiration), active, autoApply, stored(agreement)});
        return plan;
    }

    public void licenses(UUID plan, String status, int count) {
        for (int i = 0; i < count; i++) licenses.add(new Object[] {stored(UUID.randomUUID()), status, stored(plan)});
    }

    /** Writes what was added since the last flush, in batches. */
    public void flush() {
        String u = target.isPostgres() ? "cast(? as uuid)" : "?";
        try (Connection c = db.dataSource().getConnection()) {
            c.setAutoCommit(false);
            insert(c, "INSERT INTO subscriptions_customeragreement (uuid, enterprise_customer_uuid,"
                    + " enterprise_customer_slug, enterprise_customer_name) VALUES (" + u + ", " + u + ", ?, ?)", agreements);
            insert(c, "INSERT INTO subscriptions_subscriptionplan (uuid, title, start_date, expiration_date, is_active,"
                    + " should_auto_apply_licenses, customer_agreement_id) VALUES (" + u + ", ?, ?, ?, ?, ?, " + u + ")", plans);
            insert(c, "INSERT INTO subscriptions_license (uuid, status, subscription_plan_id) VALUES (" + u + ", ?, "
                    + u + ")", licenses);
            c.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("fixture insert failed: " + e.getMessage(), e);
        }
        agreements.clear();
        plans.clear();
        licenses.clear();
    }

    /** Every row of the three tables, in a stable order: to show that nothing wrote them. */
    public List<String> snapshot() {
        List<String> rows = new ArrayList<>();
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            for (String sql : List.of(
                    "SELECT uuid, enterprise_customer_uuid, enterprise_customer_slug, enterprise_customer_name FROM subscriptions_customeragreement ORDER BY uuid",
                    "SELECT uuid, title, start_date, expiration_date, is_active, should_auto_apply_licenses, customer_agreement_id FROM subscriptions_subscriptionplan ORDER BY uuid",
                    "SELECT uuid, status, subscription_plan_id FROM subscriptions_license ORDER BY uuid")) {
                try (ResultSet rs = s.executeQuery(sql)) {
                    int n = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        StringBuilder row = new StringBuilder();
                        for (int i = 1; i <= n; i++) row.append(rs.getString(i)).append('|');
                        rows.add(row.toString());
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("fixture snapshot failed: " + e.getMessage(), e);
        }
        return rows;
    }

    private static void insert(Connection c, String sql, List<Object[]> rows) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int pending = 0;
            for (Object[] row : rows) {
                for (int i = 0; i < row.length; i++) ps.setObject(i + 1, row[i]);
                ps.addBatch();
                if (++pending == 1000) {
                    ps.executeBatch();
                    pending = 0;
                }
            }
            if (pending > 0) ps.executeBatch();
        }
    }

    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
