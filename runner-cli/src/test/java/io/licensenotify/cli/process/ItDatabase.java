package io.licensenotify.cli.process;

import io.licensenotify.adapter.persistence.Database;
import io.licensenotify.adapter.persistence.LicenseManagerFixture;
import io.licensenotify.adapter.persistence.TestDatabase;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One database of the process tests, reachable from the test JVM (to write license-manager's tables and read the
 * ledger) and from the process under test (through {@link #config()}). H2 is a file in a temporary folder served
 * to other processes by H2's auto-server; MariaDB and PostgreSQL are the machine's services (overridable by
 * {@code LN_TEST_MARIADB_URL} etc., skipped with a printed line when unreachable unless {@code CI} is set), in a
 * database or schema of their own ({@link #ISOLATED}) so that the persistence tests running elsewhere on the same
 * server do not drop our tables.
 */
final class ItDatabase implements AutoCloseable {
    /** Overridable by {@code LN_TEST_IT_SCHEMA}, so that two checkouts can run their process tests at once. */
    static final String ISOLATED = System.getenv().getOrDefault("LN_TEST_IT_SCHEMA", "license_notify_it");

    /** One row of {@code license_notify_delivery}. */
    record Row(long ecuId, String enterprise, String kind, String scope, long period, String state, long lmsUserId) {
        /** What must be unique among the emails actually sent: (admin, kind, period). */
        String identity() {
            return ecuId + "/" + enterprise + "/" + kind + "/" + scope + "/" + period;
        }
    }

    final TestDatabase target;
    private final String url;
    private final Database db;
    private final LicenseManagerFixture fixture;

    private ItDatabase(TestDatabase target, String url, Database db) {
        this.target = target;
        this.url = url;
        this.db = db;
        this.fixture = new LicenseManagerFixture(db, target);
    }

    static ItDatabase open(TestDatabase target, Path h2Dir) {
        if (target == TestDatabase.H2) return h2(h2Dir, "");
        try (Database server = target.open(null, 1)) {
            TestDatabase.execute(server, target.isPostgres()
                    ? "CREATE SCHEMA IF NOT EXISTS " + ISOLATED
                    : "CREATE DATABASE IF NOT EXISTS " + ISOLATED);
        }
        String base = target.url(null);
        String url = target.isPostgres()
                ? base + (base.contains("?") ? "&" : "?") + "currentSchema=" + ISOLATED
                : base.replaceFirst("^(jdbc:(mariadb|mysql)://[^/?]+)(/[^?]*)?", "$1/" + ISOLATED);
        return new ItDatabase(target, url, Database.open(url, target.user(), target.password(), 4));
    }

    /** H2 in {@code h2Dir}, its URL ending in {@code settings} (such as {@code ;PASSWORD=...}), created with them. */
    static ItDatabase h2(Path h2Dir, String settings) {
        String url = "jdbc:h2:file:" + h2Dir.resolve("license-notify").toAbsolutePath() + ";AUTO_SERVER=TRUE" + settings;
        return new ItDatabase(TestDatabase.H2, url, TestDatabase.H2.open(url, 4));
    }

    /** The keys that point the command at this database. */
    Map<String, String> config() {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("db.url", url);
        c.put("db.user", target.user());
        if (!target.password().isEmpty()) c.put("db.password", target.password());
        return c;
    }

    String label() {
        return target.label();
    }

    /** No ledger, no Flyway history, empty license-manager tables: as before the first run ever. */
    void reset() {
        TestDatabase.dropLedger(db);
        // Flyway quotes the name of its history table; H2 keeps quoted lower-case names apart from unquoted ones
        if (target == TestDatabase.H2) execute("DROP TABLE IF EXISTS \"" + Database.HISTORY_TABLE + "\"");
        fixture.recreateTables();
    }

    LicenseManagerFixture fixture() {
        return fixture;
    }

    Database database() {
        return db;
    }

    void execute(String... statements) {
        TestDatabase.execute(db, statements);
    }

    /** The ledger, every row. */
    List<Row> ledger() {
        List<Row> rows = new ArrayList<>();
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT ecu_id, enterprise_uuid, kind, scope, period, state, lms_user_id"
                     + " FROM license_notify_delivery ORDER BY enterprise_uuid, ecu_id, kind, period")) {
            while (rs.next())
                rows.add(new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5),
                        rs.getString(6), rs.getLong(7)));
        } catch (SQLException e) {
            if (e.getMessage() != null && e.getMessage().toLowerCase(java.util.Locale.ROOT).contains("license_notify_delivery"))
                return rows; // not migrated yet: no deliveries
            throw new IllegalStateException("reading the ledger failed: " + e.getMessage(), e);
        }
        return rows;
    }

    /** Every column of every ledger row, as text: what must never hold a secret or an address. */
    String ledgerText() {
        StringBuilder text = new StringBuilder();
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT * FROM license_notify_delivery")) {
            while (rs.next()) {
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) text.append(rs.getString(i)).append('|');
                text.append('\n');
            }
        } catch (SQLException e) {
            if (ledger().isEmpty()) return ""; // not migrated yet
            throw new IllegalStateException("reading the ledger failed: " + e.getMessage(), e);
        }
        return text.toString();
    }

    /** Whether a table of that name (any case) exists in the schema the command uses. */
    boolean hasTable(String name) {
        try (Connection c = db.dataSource().getConnection();
             ResultSet rs = c.getMetaData().getTables(c.getCatalog(), c.getSchema(), "%", new String[] {"TABLE"})) {
            while (rs.next()) if (rs.getString("TABLE_NAME").equalsIgnoreCase(name)) return true;
            return false;
        } catch (SQLException e) {
            throw new IllegalStateException("listing tables failed: " + e.getMessage(), e);
        }
    }

    List<Row> ledger(String state) {
        return ledger().stream().filter(r -> r.state().equals(state)).toList();
    }

    @Override
    public void close() {
        db.close();
    }
}
