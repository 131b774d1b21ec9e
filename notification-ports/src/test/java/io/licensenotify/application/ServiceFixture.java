package io.licensenotify.application;

import io.licensenotify.domain.Admin;
import io.licensenotify.domain.Enterprise;
import io.licensenotify.domain.NotificationKind;
import io.licensenotify.domain.NotificationRules;
import io.licensenotify.domain.Plan;
import io.licensenotify.domain.UncertainPolicy;
import io.licensenotify.ports.testing.InMemoryAdmins;
import io.licensenotify.ports.testing.InMemoryDeliveryLedger;
import io.licensenotify.ports.testing.InMemoryEnterprises;
import io.licensenotify.ports.testing.InMemorySuppressions;
import io.licensenotify.ports.testing.MutableClock;
import io.licensenotify.ports.testing.RecordingErrorReporter;
import io.licensenotify.ports.testing.RecordingMessenger;

import java.time.Duration;
import java.util.stream.IntStream;

import static io.licensenotify.domain.testdata.TestData.TODAY;
import static io.licensenotify.domain.testdata.TestData.anAdmin;
import static io.licensenotify.domain.testdata.TestData.anEnterprise;
import static io.licensenotify.domain.testdata.TestData.at;

/** The service on in-memory ports, shared by the service tests: license data, admins, Braze, ledger, clock. */
abstract class ServiceFixture {
    static final NotificationKind T75 = NotificationKind.threshold(75);
    static final NotificationKind T100 = NotificationKind.threshold(100);

    final InMemoryEnterprises enterprises = new InMemoryEnterprises();
    final InMemoryAdmins admins = new InMemoryAdmins();
    final RecordingMessenger messenger = new RecordingMessenger();
    final MutableClock clock = new MutableClock(at(TODAY).plusSeconds(2 * 3600));
    final InMemoryDeliveryLedger ledger = new InMemoryDeliveryLedger(clock);
    final InMemorySuppressions suppressions = new InMemorySuppressions();
    final RecordingErrorReporter errors = new RecordingErrorReporter();

    SendNotificationsService service(NotificationRules rules, RunSettings settings) {
        return new SendNotificationsService(enterprises, admins, messenger, ledger, suppressions, errors, rules,
                settings, clock);
    }

    /** How the service under test packs its requests; a test of one enterprise's requests sets ENTERPRISE. */
    RunSettings.Batching batching = RunSettings.Batching.PACKED;

    SendNotificationsService service(int concurrency, UncertainPolicy policy) {
        return service(NotificationRules.DEFAULT, new RunSettings(concurrency, Duration.ofHours(1), policy)
                .with(batching));
    }

    Enterprise enterpriseWith(Plan plan, Admin... more) {
        Enterprise e = anEnterprise();
        enterprises.add(e, plan);
        admins.add(e, more);
        return e;
    }

    static Admin[] newAdmins(int n) {
        return IntStream.range(0, n).mapToObj(i -> anAdmin().build()).toArray(Admin[]::new);
    }

    /**
     * What a port throws when the heap runs out inside a try-with-resources whose close meets the JVM's one
     * preallocated OutOfMemoryError again: not the error, but the IllegalArgumentException of self-suppression.
     */
    static IllegalArgumentException heapExhaustedInsideTryWithResources() {
        OutOfMemoryError heap = new OutOfMemoryError("Java heap space");
        AutoCloseable page = () -> {
            throw heap;
        };
        try (AutoCloseable ignored = page) {
            throw heap;
        } catch (IllegalArgumentException selfSuppression) {
            return selfSuppression;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
