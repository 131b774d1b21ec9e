package io.licensenotify.cli.process;

import com.fasterxml.jackson.databind.JsonNode;
import io.licensenotify.adapter.persistence.LicenseManagerFixture;
import io.licensenotify.adapter.persistence.TestDatabase;
import io.licensenotify.cli.process.LicenseNotifyProcess.Result;
import io.licensenotify.standin.BrazeStandIn;
import io.licensenotify.standin.BrazeStandIn.Email;
import io.licensenotify.standin.LmsStandIn.Admin;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import static io.licensenotify.cli.process.Scenario.AS_OF;
import static io.licensenotify.cli.process.Scenario.PLAN_END;
import static io.licensenotify.cli.process.Scenario.PLAN_START;
import static io.licensenotify.cli.process.Scenario.daysBefore;
import static io.licensenotify.cli.process.Scenario.enterprise;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input, in license-manager's production database (MariaDB): odd rows and odd LMS pages next to
 * good ones. Each is skipped or named in the report; the run goes on and the good enterprises get their emails.
 */
class BadInputIT extends ProcessTest {
    private static final String UNICODE_NAME = "Ünïcødé 学校 🚀 Ltd";
    private static final String UNICODE_ADMIN = "Zoë 山田";

    @Override
    TestDatabase target() {
        return TestDatabase.MARIADB;
    }

    @Test
    void oddRowsAndOddPagesAreSkippedOrReportedAndTheOtherEnterprisesAreServed() {
        LicenseManagerFixture f = db.fixture();
        db.execute("ALTER TABLE subscriptions_subscriptionplan MODIFY start_date datetime(6) NULL,"
                + " MODIFY expiration_date datetime(6) NULL");
        plan(f, 1, "Plain", 8, 2);
        lms.admins(enterprise(1), List.of(Admin.of(101, 1001, "Alice", daysBefore(AS_OF, 2))));
        // 2: statuses license-manager may add one day count for nothing: 8 of 10 known licenses allocated
        UUID unknown = plan(f, 2, "Unknown statuses", 8, 2);
        f.licenses(unknown, "suspended", 5);
        f.licenses(unknown, "pending-transfer", 3);
        lms.admins(enterprise(2), List.of(Admin.of(201, 2001, "Bob", daysBefore(AS_OF, 2))));
        // 3: a plan without dates: never a candidate
        UUID agreement3 = f.agreement(enterprise(3), "No dates", "no-dates");
        f.flush();
        db.execute("INSERT INTO subscriptions_subscriptionplan (uuid, title, start_date, expiration_date, is_active,"
                + " should_auto_apply_licenses, customer_agreement_id) VALUES ('" + f.stored(UUID.randomUUID())
                + "', 'Dateless', NULL, NULL, true, true, '" + f.stored(agreement3) + "')");
        lms.admins(enterprise(3), List.of(Admin.of(301, 3001, "Carol", daysBefore(AS_OF, 30))));
        // 4: a plan with no license at all: no utilization, no threshold
        plan(f, 4, "Zero licenses", 0, 0);
        lms.admins(enterprise(4), List.of(Admin.of(401, 4001, "Dan", daysBefore(AS_OF, 2))));
        // 5: nobody administers it
        plan(f, 5, "No admins", 9, 1);
        // 6: the LMS lists Frank on two pages
        plan(f, 6, "Duplicates", 10, 0);
        Admin erin = Admin.of(601, 6001, "Erin", daysBefore(AS_OF, 2));
        Admin frank = Admin.of(602, 6002, "Frank", daysBefore(AS_OF, 2));
        Admin grace = Admin.of(603, 6003, "Grace", daysBefore(AS_OF, 2));
        lms.pages(enterprise(6), List.of(List.of(erin, frank), List.of(frank, grace)));
        // 7: names beyond ASCII
        UUID agreement7 = f.agreement(enterprise(7), UNICODE_NAME, "unicode");
        UUID plan7 = f.plan(agreement7, "Plan ✓ für alle", PLAN_START, PLAN_END, true, true);
        f.licenses(plan7, "activated", 8);
        f.licenses(plan7, "unassigned", 2);
        lms.admins(enterprise(7), List.of(new Admin(701, 7001, "zoë", UNICODE_ADMIN, "zoe@example.com", true,
                daysBefore(AS_OF, 2))));
        // 8: an enterprise id that is no uuid
        db.execute("INSERT INTO subscriptions_customeragreement (uuid, enterprise_customer_uuid, enterprise_customer_slug,"
                + " enterprise_customer_name) VALUES ('" + f.stored(UUID.randomUUID()) + "', 'not-a-uuid-not-a-uuid-not-a-uuid',"
                + " 'broken', 'Broken')");
        db.execute("INSERT INTO subscriptions_subscriptionplan (uuid, title, start_date, expiration_date, is_active,"
                + " should_auto_apply_licenses, customer_agreement_id) SELECT '" + f.stored(UUID.randomUUID())
                + "', 'Broken plan', '2020-01-01', '2099-01-01', true, true, uuid FROM subscriptions_customeragreement"
                + " WHERE enterprise_customer_slug = 'broken'");
        // 9: a plan whose uuid is not hex, beside a good one: the good one is served, the bad one named
        UUID agreement9 = f.agreement(enterprise(9), "Bad plan id", "bad-plan-id");
        UUID plan9 = f.plan(agreement9, "Good plan", PLAN_START, PLAN_END, true, true);
        f.licenses(plan9, "activated", 8);
        f.licenses(plan9, "unassigned", 2);
        f.flush();
        db.execute("INSERT INTO subscriptions_subscriptionplan (uuid, title, start_date, expiration_date, is_active,"
                + " should_auto_apply_licenses, customer_agreement_id) VALUES ('pa000000', 'Not hex', '2020-01-01',"
                + " '2099-01-01', true, true, '" + f.stored(agreement9) + "')");
        lms.admins(enterprise(9), List.of(Admin.of(901, 9001, "Ivan", daysBefore(AS_OF, 2))));
        f.flush();

        Result run = command().run("send", "--as-of", AS_OF.toString());
        Result check = command().run("check");

        assertThat(run.exitCode()).as(run.toString()).isIn(0, 1);
        assertThat(run.stdout()).as(run.toString()).contains("Result: ");
        String e = "campaign-75";
        // 3 (no dates), 4 (no licenses, admin too new for a digest), 5 (no admins) and 8 (no uuid) get nothing
        List<Email> due = List.of(new Email(e, enterprise(1).toString(), "1001"),
                new Email(e, enterprise(2).toString(), "2001"), new Email(e, enterprise(7).toString(), "7001"),
                new Email(e, enterprise(9).toString(), "9001"),
                new Email("campaign-100", enterprise(6).toString(), "6001"),
                new Email("campaign-100", enterprise(6).toString(), "6002"),
                new Email("campaign-100", enterprise(6).toString(), "6003"));
        assertThat(braze.emails()).containsExactlyInAnyOrderElementsOf(due);
        Reliability.Figures figures = Reliability.measure("Bad input: 8 kinds of odd rows and pages", 8, 1,
                due.stream().map(Email::toString).toList(), braze.emails().stream().map(Email::toString).toList(), Set.of());
        assertThat(figures.duplicates()).isZero();
        assertThat(figures.lost()).isZero();
        // the recipient of enterprise 7, whichever request packs it; its name on it or, shared, at the top
        JsonNode unicode = braze.requests().stream().filter(b -> BrazeStandIn.enterprisesOf(b)
                .contains(enterprise(7).toString())).findFirst().orElseThrow();
        JsonNode admin = unicode.path("recipients").get(BrazeStandIn.enterprisesOf(unicode).indexOf(enterprise(7).toString()));
        JsonNode name = admin.path("trigger_properties").has("enterprise_customer_name")
                ? admin.path("trigger_properties") : unicode.path("trigger_properties");
        assertThat(name.path("enterprise_customer_name").asText()).isEqualTo(UNICODE_NAME);
        assertThat(admin.path("trigger_properties").path("first_name").asText()).isEqualTo(UNICODE_ADMIN);
        assertThat(run.stdout()).contains("NO_ADMINS");
        assertThat(run.exitCode()).as("a plan that cannot be read is bad data: " + run).isEqualTo(1);
        assertThat(run.stdout()).containsPattern("(?s)" + enterprise(9) + ".*BAD_DATA.*pa000000");
        // check counts what send serves: 1, 2, 4, 5, 6, 7 and 9, and names the plan it cannot read
        assertThat(check.stdout()).as(check.toString()).contains("7 enterprises with an auto-assign plan today",
                "1 subscription plan cannot be read", "pa000000");
        Processes.assertNoSecret(run, db);
    }

    /** Enterprise {@code n} with an auto-assign plan of {@code activated} activated and {@code unassigned} free licenses. */
    private static UUID plan(LicenseManagerFixture f, int n, String name, int activated, int unassigned) {
        UUID agreement = f.agreement(enterprise(n), name, "e" + n);
        UUID plan = f.plan(agreement, name + " plan", PLAN_START, PLAN_END, true, true);
        f.licenses(plan, "activated", activated);
        f.licenses(plan, "unassigned", unassigned);
        return plan;
    }
}
