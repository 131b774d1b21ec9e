package io.licensenotify.application;

import io.licensenotify.domain.Admin;
import io.licensenotify.domain.Enterprise;
import io.licensenotify.domain.NotificationKind;
import io.licensenotify.ports.in.RunReport;
import io.licensenotify.ports.testing.InMemoryAdmins;
import io.licensenotify.ports.testing.InMemoryDeliveryLedger;
import io.licensenotify.ports.testing.InMemoryEnterprises;
import io.licensenotify.ports.testing.MutableClock;
import io.licensenotify.ports.testing.RecordingMessenger;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.licensenotify.domain.testdata.TestData.TODAY;
import static io.licensenotify.domain.testdata.TestData.aPlan;
import static io.licensenotify.domain.testdata.TestData.anAdmin;
import static io.licensenotify.domain.testdata.TestData.anEnterprise;
import static io.licensenotify.domain.testdata.TestData.at;
import static org.assertj.core.api.Assertions.assertThat;

/** The embedding example of the README runs against the in-memory ports, and the README shows exactly it. */
class EmbeddingExampleTest {
    @Test
    void theExampleSendsTheEnterprisesDueEmailOnceAndTheDailyJobThenNothing() {
        InMemoryEnterprises licenseData = new InMemoryEnterprises();
        InMemoryAdmins admins = new InMemoryAdmins();
        RecordingMessenger email = new RecordingMessenger();
        MutableClock clock = new MutableClock(at(TODAY).plusSeconds(3600));
        InMemoryDeliveryLedger ledger = new InMemoryDeliveryLedger(clock);
        Enterprise assigned = anEnterprise();
        Enterprise other = anEnterprise();
        Admin admin = anAdmin().build();
        licenseData.add(assigned, aPlan().withAssigned(8).of(10));
        licenseData.add(other, aPlan().withAssigned(8).of(10));
        admins.add(assigned, admin);
        admins.add(other, anAdmin().build());

        RunReport report = EmbeddingExample.afterLicenseAssigned(assigned.uuid(), licenseData, admins, email, ledger, clock);
        RunReport again = EmbeddingExample.afterLicenseAssigned(assigned.uuid(), licenseData, admins, email, ledger, clock);

        assertThat(report.of(NotificationKind.threshold(75)).sent()).isEqualTo(1);
        assertThat(email.recipients()).containsExactly("UTILIZATION_75:" + admin.ecuId());
        assertThat(again.total().sent()).isZero();
    }

    @Test
    void theReadmeShowsTheExampleAsItIs() throws IOException {
        String source = Files.readString(Path.of("src/test/java/io/licensenotify/application/EmbeddingExample.java"));
        String example = source.substring(source.indexOf("// README begin") + "// README begin".length(),
                source.indexOf("    // README end")).stripIndent().strip();
        String readme = Files.readString(Path.of("../README.md"));

        assertThat(readme).contains(example.lines().map(l -> l.replaceFirst("^    ", "")).reduce((a, b) -> a + "\n" + b).orElseThrow());
    }
}
