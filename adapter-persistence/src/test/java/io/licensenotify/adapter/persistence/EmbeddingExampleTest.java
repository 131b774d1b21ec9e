package io.licensenotify.adapter.persistence;

import io.licensenotify.domain.Admin;
import io.licensenotify.domain.Enterprise;
import io.licensenotify.domain.NotificationKind;
import io.licensenotify.domain.Plan;
import io.licensenotify.domain.Suppression;
import io.licensenotify.ports.in.RunReport;
import io.licensenotify.ports.testing.InMemoryAdmins;
import io.licensenotify.ports.testing.MutableClock;
import io.licensenotify.ports.testing.RecordingMessenger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;

import static io.licensenotify.domain.testdata.TestData.TODAY;
import static io.licensenotify.domain.testdata.TestData.aPlan;
import static io.licensenotify.domain.testdata.TestData.anAdmin;
import static io.licensenotify.domain.testdata.TestData.anEnterprise;
import static io.licensenotify.domain.testdata.TestData.at;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/embedding.md's example on H2 with this project's license data, ledger and suppressions adapters (admins and
 * email in memory): what the daily job would send, minus what an operator suppressed, once.
 */
class EmbeddingExampleTest {
    private Database db;
    private LicenseManagerFixture fixture;
    private final InMemoryAdmins admins = new InMemoryAdmins();
    private final RecordingMessenger email = new RecordingMessenger();
    private final MutableClock clock = new MutableClock(at(TODAY).plusSeconds(3600));

    @BeforeEach
    void database() {
        db = TestDatabase.H2.open(TestDatabase.freshH2Url(), 2);
        db.migrate();
        fixture = new LicenseManagerFixture(db, TestDatabase.H2);
        fixture.recreateTables();
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void anAdminSuppressedWithTheCommandGetsNothingFromTheExampleWhileTheOtherAdminGetsTheEmailOnce() {
        Enterprise assigned = anEnterprise();
        Admin optedOut = anAdmin().build();
        Admin other = anAdmin().build();
        store(assigned, aPlan().withAssigned(8).of(10));
        admins.add(assigned, optedOut, other);
        // what 'license-notify suppress --enterprise E --admin ECU' stores
        new JooqSuppressions(db).add(new Suppression(assigned.uuid(), Optional.of(optedOut.ecuId()), Optional.empty(),
                "asked the account manager", clock.instant(), "ops"));

        EmbeddingExample.LicenseAssignedHook hook = new EmbeddingExample.LicenseAssignedHook(db, admins, email, clock);
        RunReport report = hook.afterLicenseAssigned(assigned.uuid());
        RunReport again = hook.afterLicenseAssigned(assigned.uuid());

        assertThat(email.recipients()).as("the suppressed admin gets nothing")
                .containsExactly("UTILIZATION_75:" + other.ecuId());
        assertThat(report.of(NotificationKind.threshold(75)).sent()).isEqualTo(1);
        assertThat(report.of(NotificationKind.threshold(75)).suppressed()).isEqualTo(1);
        assertThat(again.total().sent()).as("the same ledger: nothing twice").isZero();
        assertThat(new JooqDeliveryHistory(db).find(io.licensenotify.ports.out.HistoryQuery.all(100)))
                .extracting(r -> r.key().ecuId()).as("nothing recorded for the suppressed admin")
                .containsExactly(other.ecuId());
    }

    @Test
    void theReadmeShowsTheExampleAsItIs() throws IOException {
        String source = Files.readString(Path.of("src/test/java/io/licensenotify/adapter/persistence/EmbeddingExample.java"));
        String example = source.substring(source.indexOf("// README begin") + "// README begin".length(),
                source.indexOf("    // README end")).strip();
        String readme = Files.readString(Path.of("../docs/embedding.md"));

        assertThat(readme).contains(example.lines().map(l -> l.replaceFirst("^    ", ""))
                .reduce((a, b) -> a + "\n" + b).orElseThrow());
    }

    private void store(Enterprise enterprise, Plan plan) {
        UUID agreement = fixture.agreement(enterprise.uuid(), enterprise.name(), enterprise.slug().orElse(null));
        UUID p = fixture.plan(plan.uuid(), agreement, plan.title(), plan.start(), plan.expiration(), plan.active(),
                plan.autoApply());
        fixture.licenses(p, "unassigned", (int) plan.licenses().unassigned());
        fixture.licenses(p, "assigned", (int) plan.licenses().assigned());
        fixture.licenses(p, "activated", (int) plan.licenses().activated());
        fixture.flush();
    }
}
