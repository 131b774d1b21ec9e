package io.licensenotify.cli.demo;

import io.licensenotify.standin.LmsStandIn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DemoDataTest {
    @TempDir
    Path dir;

    @Test
    void theSampleDataHasOneEnterpriseForEachCaseTheDemoShows() throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("demo").toAbsolutePath();
        DemoData.load(url);
        Map<String, String> utilization = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection(url, "", ""); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("""
                     SELECT a.enterprise_customer_slug, p.should_auto_apply_licenses,
                            SUM(CASE WHEN l.status IN ('assigned', 'activated') THEN 1 ELSE 0 END) AS allocated,
                            SUM(CASE WHEN l.status <> 'revoked' THEN 1 ELSE 0 END) AS total
                     FROM subscriptions_customeragreement a
                     JOIN subscriptions_subscriptionplan p ON p.customer_agreement_id = a.uuid
                     JOIN subscriptions_license l ON l.subscription_plan_id = p.uuid
                     GROUP BY a.enterprise_customer_slug, p.should_auto_apply_licenses
                     ORDER BY a.enterprise_customer_slug""")) {
            while (rs.next())
                utilization.put(rs.getString(1), rs.getObject(2) + " " + rs.getLong(3) + "/" + rs.getLong(4));
        }
        assertThat(utilization).containsExactly(
                Map.entry("acme", "true 15/20"),
                Map.entry("globex", "true 10/10"),
                Map.entry("hooli", "true 4/5"),
                Map.entry("initech", "true 3/10"),
                Map.entry("soylent", "null 10/10"),
                Map.entry("umbrella", "true 2/4"));
        try (Connection c = DriverManager.getConnection(url, "", ""); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT enterprise_customer_uuid FROM subscriptions_customeragreement WHERE enterprise_customer_slug = 'hooli'")) {
            rs.next();
            assertThat(rs.getString(1)).hasSize(32).isEqualTo(DemoData.HOOLI.toString().replace("-", ""));
        }
    }

    @Test
    void oneAdminAdministersTwoEnterprisesAndUmbrellasAdminsAreDueADigest() {
        LocalDate today = LocalDate.of(2024, 5, 31);
        var admins = DemoData.admins(today);
        assertThat(admins.get(DemoData.ACME)).anyMatch(a -> a.userId() == 1001);
        assertThat(admins.get(DemoData.GLOBEX)).anyMatch(a -> a.userId() == 1001);
        assertThat(admins.get(DemoData.UMBRELLA)).filteredOn(LmsStandIn.Admin::active)
                .allMatch(a -> !a.created().isAfter(today.minusDays(7).atStartOfDay().toInstant(java.time.ZoneOffset.UTC)));
        assertThat(admins.get(DemoData.ACME)).allMatch(a -> a.created().isAfter(today.minusDays(7).atStartOfDay().toInstant(java.time.ZoneOffset.UTC)));
    }

    @Test
    void theDemoConfigurationIsCompleteForSend() {
        var config = io.licensenotify.cli.config.Config.of(DemoData.config("jdbc:h2:mem:x", java.net.URI.create("http://127.0.0.1:1"),
                java.net.URI.create("http://127.0.0.1:2")), Map.of());
        assertThat(config.problems(io.licensenotify.cli.config.Config.Needs.EVERYTHING)).isEmpty();
    }
}
