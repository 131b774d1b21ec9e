package io.licensenotify.cli.process;

import io.licensenotify.adapter.persistence.LicenseManagerFixture;
import io.licensenotify.adapter.persistence.TestDatabase;
import io.licensenotify.cli.process.LicenseNotifyProcess.Result;
import io.licensenotify.cli.process.LicenseNotifyProcess.Running;
import io.licensenotify.standin.BrazeStandIn.Email;
import io.licensenotify.standin.LmsStandIn.Admin;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With the real jar on PostgreSQL: suppressions, thresholds that re-arm (eight days of it), a run for
 * named enterprises, and two processes at once under re-arming.
 */
class FeaturesIT extends ProcessTest {
    private static final UUID PLAN = UUID.fromString("c0ffee00-0000-4000-8000-000000000001");

    @Override
    TestDatabase target() {
        return TestDatabase.POSTGRES;
    }

    @Test
    void suppressSendUnsuppressSendSendsTheSuppressedThresholdOnceAtTheEnd() {
        Scenario scenario = Scenario.standard();
        scenario.load(db, lms);
        String alice = "1001"; // LMS user of ECU 101, enterprise 1 at 75 %
        UUID one = Scenario.enterprise(1);
        LicenseNotifyProcess command = command();

        Result suppress = command.run("suppress", "--enterprise", one.toString().replace("-", ""), "--admin", "101",
                "--reason", "on leave", "--by", "ops");
        Result again = command.run("suppress", "--enterprise", one.toString(), "--admin", "101");
        Result list = command.run("suppressions", "--enterprise", one.toString());
        Result first = command.run("send", "--as-of", Scenario.AS_OF.toString());
        List<Email> firstEmails = List.copyOf(braze.emails());
        braze.forget();
        Result unsuppress = command.run("unsuppress", "--enterprise", one.toString(), "--admin", "101");
        Result none = command.run("unsuppress", "--enterprise", one.toString(), "--admin", "101");
        Result second = command.run("send", "--as-of", Scenario.AS_OF.toString());

        assertThat(suppress.exitCode()).as(suppress.toString()).isZero();
        assertThat(suppress.stdout()).contains("Suppressed: enterprise " + one + ", ECU 101, every kind");
        assertThat(again.stdout()).contains("Already suppressed, nothing changed");
        assertThat(list.stdout()).contains("101", "every kind", "ops", "on leave");
        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(first.stdout()).containsPattern("UTILIZATION_75\\s+\\d+\\s+\\d+\\s+0\\s+\\d+\\s+0\\s+0\\s+1");
        assertThat(firstEmails).noneMatch(e -> e.userId().equals(alice));
        assertThat(unsuppress.exitCode()).isZero();
        assertThat(unsuppress.stdout()).contains("Removed 1 suppression");
        assertThat(none.exitCode()).isEqualTo(1);
        assertThat(second.exitCode()).as(second.toString()).isZero();
        assertThat(braze.emails()).containsExactly(new Email("campaign-75", one.toString(), alice));
    }

    @Test
    void withAMarginOfTenTheEightDaysSendSeventyFiveTwiceAndOneHundredTwiceAndWithoutItOnceEach() {
        int[] days = {80, 70, 78, 60, 80, 100, 50, 100};
        List<String> rearming = runDays(command().with("notify.threshold-rearm-below", "10"), days);
        db.reset();
        braze.forget();
        List<String> plain = runDays(command(), days);

        assertThat(rearming).containsExactly("day 1: campaign-75", "day 5: campaign-75", "day 6: campaign-100",
                "day 8: campaign-100");
        assertThat(plain).containsExactly("day 1: campaign-75", "day 6: campaign-100");
        Result history = command().run("history", "--enterprise", Scenario.enterprise(1).toString(), "--limit", "20");
        assertThat(history.stdout()).contains("SENT", "UTILIZATION_75");
    }

    @Test
    void twoProcessesAtOnceUnderReArmingSendEachGenerationOnce() throws Exception {
        LicenseNotifyProcess command = command().with("notify.threshold-rearm-below", "10").with("notify.concurrency", "2");
        int[] days = {80, 60, 80, 50, 100};
        List<String> sent = new ArrayList<>();
        for (int day = 0; day < days.length; day++) {
            load(days[day], 8);
            braze.forget();
            Running a = command.start("send", "--as-of", Scenario.AS_OF.toString());
            Running b = command.start("send", "--as-of", Scenario.AS_OF.toString());
            assertThat(a.await(Duration.ofSeconds(90)).exitCode()).isZero();
            assertThat(b.await(Duration.ofSeconds(90)).exitCode()).isZero();
            braze.emails().forEach(e -> sent.add(e.campaign() + "/" + e.enterprise()));
        }

        // per enterprise: 75 at days 1 and 3 (generation 0 and 1), 100 at day 5 (75 superseded)
        for (int n = 1; n <= 8; n++) {
            String e = Scenario.enterprise(n).toString();
            assertThat(sent).as("enterprise " + n).filteredOn(s -> s.endsWith(e))
                    .containsExactlyInAnyOrder("campaign-75/" + e, "campaign-75/" + e, "campaign-100/" + e);
        }
    }

    @Test
    void sendForOneEnterpriseTouchesItAloneAndAnUnknownOneFailsTheRun() {
        Scenario.standard().load(db, lms);
        UUID unknown = UUID.fromString("0ddba11f-0000-4000-8000-000000000000");

        Result run = command().run("send", "--as-of", Scenario.AS_OF.toString(), "--enterprise",
                Scenario.enterprise(2).toString(), "--enterprise", unknown.toString());

        assertThat(run.exitCode()).as("nothing was evaluated for one of the enterprises asked for: " + run).isEqualTo(1);
        assertThat(braze.emails()).isNotEmpty()
                .allSatisfy(e -> assertThat(e.enterprise()).isEqualTo(Scenario.enterprise(2).toString()));
        assertThat(run.stdout()).contains("Not known to license-manager: " + unknown)
                .contains("Result: NOT FOUND: 1 enterprise asked for is not known to license-manager");
        assertThat(lms.learnerRequests()).as("the LMS is asked about enterprise 2 only").isEqualTo(1);
    }

    @Test
    void afterEveryDaysGoesFromSevenToFourteenTheDigestComesEveryFortnightAndNeverFallsSilent() {
        load(10, 1, 7); // below every threshold: digests only; the admin was created 7 days before AS_OF
        LicenseNotifyProcess weekly = command();
        LicenseNotifyProcess fortnightly = command().with("notify.weekly.every-days", "14");
        List<String> sent = new ArrayList<>();
        // weekly from AS_OF (day 0) to day 21, then fortnightly: its periods from AS_OF start on days 28 and 42
        int[][] runs = {{0, 7}, {7, 7}, {14, 7}, {21, 7}, {28, 14}, {35, 14}, {42, 14}};
        for (int[] r : runs) {
            braze.forget();
            Result run = (r[1] == 7 ? weekly : fortnightly).run("send", "--as-of", Scenario.AS_OF.plusDays(r[0]).toString());
            assertThat(run.exitCode()).as(run.toString()).isZero();
            for (Email e : braze.emails()) sent.add("day " + r[0] + ": " + e.campaign());
        }

        assertThat(sent).containsExactly("day 0: campaign-digest", "day 7: campaign-digest", "day 14: campaign-digest",
                "day 21: campaign-digest", "day 28: campaign-digest", "day 42: campaign-digest");
        Result history = command().run("history", "--enterprise", Scenario.enterprise(1).toString(), "--kind", "digest");
        assertThat(history.stdout()).as("the period is the date its period starts")
                .contains(Scenario.AS_OF.plusDays(42).toString().replace("-", ""));
    }

    /** One run per day at these utilizations of one enterprise's plan of 100 licenses; what each day sent. */
    private List<String> runDays(LicenseNotifyProcess command, int[] percents) {
        List<String> sent = new ArrayList<>();
        for (int day = 0; day < percents.length; day++) {
            load(percents[day], 1);
            braze.forget();
            Result run = command.run("send", "--as-of", Scenario.AS_OF.toString());
            assertThat(run.exitCode()).as(run.toString()).isZero();
            for (Email e : braze.emails()) sent.add("day " + (day + 1) + ": " + e.campaign());
        }
        return sent;
    }

    /** license-manager's tables afresh with {@code enterprises} enterprises at {@code percent} %, same plan uuids. */
    private void load(int percent, int enterprises) {
        load(percent, enterprises, 2);
    }

    /** As {@link #load(int, int)}, each admin created {@code createdDaysBefore} days before AS_OF. */
    private void load(int percent, int enterprises, int createdDaysBefore) {
        LicenseManagerFixture f = db.fixture();
        f.recreateTables();
        for (int n = 1; n <= enterprises; n++) {
            UUID enterprise = Scenario.enterprise(n);
            UUID agreement = f.agreement(enterprise, "Enterprise " + n, "enterprise-" + n);
            UUID plan = UUID.fromString(PLAN.toString().substring(0, 24) + String.format("%012d", n));
            f.plan(plan, agreement, "Plan " + n, Scenario.PLAN_START, Scenario.PLAN_END, true, true);
            f.licenses(plan, "activated", percent);
            f.licenses(plan, "unassigned", 100 - percent);
            lms.admins(enterprise, List.of(Admin.of(n * 100L + 1, n * 1000L + 1, "Admin" + n,
                    Scenario.daysBefore(Scenario.AS_OF, createdDaysBefore))));
        }
        f.flush();
    }
}
