package io.licensenotify.cli.demo;

import io.licensenotify.standin.LmsStandIn.Admin;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The demo's sample data: license-manager's tables (as the persistence adapter reads them, filled from
 * {@code license-manager-sample.sql}) and the admins the
 * LMS stand-in lists, with activation dates relative to the day of the demo so that the same enterprises are
 * due the same emails whenever it runs.
 */
public final class DemoData {
    public static final UUID ACME = enterprise(1);
    public static final UUID GLOBEX = enterprise(2);
    public static final UUID INITECH = enterprise(3);
    public static final UUID UMBRELLA = enterprise(4);
    public static final UUID HOOLI = enterprise(5);
    public static final UUID SOYLENT = enterprise(6);
    /** The enterprise whose admins the LMS stand-in cannot list. */
    public static final Set<UUID> LMS_FAILS_FOR = Set.of(HOOLI);

    public static final String LMS_CLIENT_ID = "demo-client";
    public static final String LMS_CLIENT_SECRET = "demo-client-secret";
    public static final String LMS_TOKEN = "demo-jwt";
    public static final String BRAZE_API_KEY = "demo-braze-key";
    /** license-manager's tables, as the persistence adapter reads them (and its jOOQ code is generated from). */
    static final String TABLES = "classpath:/io/licensenotify/adapter/persistence/license-manager.sql";
    static final String SQL = "classpath:/io/licensenotify/cli/demo/license-manager-sample.sql";

    private DemoData() {
    }

    /** Creates license-manager's tables in the database and fills them. */
    public static void load(String jdbcUrl) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl, "", ""); Statement s = c.createStatement()) {
            s.execute("RUNSCRIPT FROM '" + TABLES + "'");
            s.execute("RUNSCRIPT FROM '" + SQL + "'");
        }
    }

    public static Map<UUID, String> names() {
        return Map.of(ACME, "Acme Learning", GLOBEX, "Globex", INITECH, "Initech", UMBRELLA, "Umbrella Academy",
                HOOLI, "Hooli", SOYLENT, "Soylent");
    }

    /**
     * The admins, by enterprise. Alice (user 1001) administers Acme and Globex: two admins, two emails. Umbrella's
     * active admins joined 30 and 9 days ago (digest due); everyone else joined less than a week ago.
     */
    public static Map<UUID, List<Admin>> admins(LocalDate today) {
        Map<UUID, List<Admin>> admins = new LinkedHashMap<>();
        admins.put(ACME, List.of(
                admin(101, 1001, "alice", "Alice", true, today, 3),
                admin(102, 1002, "bob", "Bob", true, today, 2)));
        admins.put(GLOBEX, List.of(
                admin(201, 2001, "carol", "Carol", true, today, 1),
                admin(202, 1001, "alice", "Alice", true, today, 1)));
        admins.put(INITECH, List.of(admin(301, 3001, "dave", "Dave", true, today, 5)));
        admins.put(UMBRELLA, List.of(
                admin(401, 4001, "erin", "Erin", true, today, 30),
                admin(402, 4002, "frank", "Frank", true, today, 9),
                admin(403, 4003, "grace", "Grace", false, today, 60)));
        admins.put(HOOLI, List.of(admin(501, 5001, "heidi", "Heidi", true, today, 40)));
        admins.put(SOYLENT, List.of(admin(601, 6001, "ivan", "Ivan", true, today, 40)));
        return admins;
    }

    /** The demo's configuration: the embedded database, the two stand-ins and demo campaign ids. */
    public static Map<String, String> config(String jdbcUrl, URI lms, URI braze) {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("db.url", jdbcUrl);
        c.put("db.user", "");
        c.put("lms.base-url", lms.toString());
        c.put("lms.oauth.client-id", LMS_CLIENT_ID);
        c.put("lms.oauth.client-secret", LMS_CLIENT_SECRET);
        c.put("lms.timeout.read", "PT5S");
        c.put("braze.api-url", braze.toString());
        c.put("braze.api-key", BRAZE_API_KEY);
        c.put("braze.timeout.read", "PT5S");
        c.put("braze.campaign.utilization-75", "demo-campaign-utilization-75");
        c.put("braze.campaign.utilization-100", "demo-campaign-utilization-100");
        c.put("braze.campaign.weekly-digest", "demo-campaign-weekly-digest");
        c.put("braze.campaign.run-errors", "demo-campaign-run-errors");
        c.put("notify.error-recipients", "ops-oncall");
        c.put("notify.concurrency", "4");
        c.put("admin-portal.base-url", "https://portal.example.com");
        return c;
    }

    private static Admin admin(long ecu, long user, String username, String firstName, boolean active,
                                 LocalDate today, int daysAgo) {
        return new Admin(ecu, user, username, firstName, username + "@example.com", active,
                today.minusDays(daysAgo).atTime(10, 0).toInstant(ZoneOffset.UTC));
    }

    private static UUID enterprise(int n) {
        return UUID.fromString(String.format("e0000000-0000-4000-8000-%012d", n));
    }
}
