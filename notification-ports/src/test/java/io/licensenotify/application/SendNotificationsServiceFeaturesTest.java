package io.licensenotify.application;

import io.licensenotify.domain.Admin;
import io.licensenotify.domain.DeliveryState;
import io.licensenotify.domain.Enterprise;
import io.licensenotify.domain.NotificationKind;
import io.licensenotify.domain.NotificationRules;
import io.licensenotify.domain.SkipReason;
import io.licensenotify.domain.Suppression;
import io.licensenotify.domain.ThresholdPolicy;
import io.licensenotify.domain.UncertainPolicy;
import io.licensenotify.domain.WeeklyDigestPolicy;
import io.licensenotify.ports.in.RunReport;
import io.licensenotify.ports.in.SendNotificationsUseCase.Request;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.licensenotify.domain.testdata.TestData.TODAY;
import static io.licensenotify.domain.testdata.TestData.aPlan;
import static io.licensenotify.domain.testdata.TestData.anAdmin;
import static io.licensenotify.domain.testdata.TestData.anEnterprise;
import static io.licensenotify.domain.testdata.TestData.at;
import static org.assertj.core.api.Assertions.assertThat;

/** Through the service: suppressions, re-arming, and named enterprises. */
class SendNotificationsServiceFeaturesTest extends ServiceFixture {
    private SendNotificationsService service(NotificationRules rules) {
        return service(rules, new RunSettings(2, Duration.ofHours(1), UncertainPolicy.SKIP));
    }

    private RunReport run(boolean dryRun) {
        return service(NotificationRules.DEFAULT).run(Request.of(TODAY).withDryRun(dryRun));
    }

    private static NotificationRules rearming(int margin) {
        return new NotificationRules(ThresholdPolicy.DEFAULT.rearmingBelow(margin), WeeklyDigestPolicy.DEFAULT,
                NotificationRules.DEFAULT.zone());
    }

    private Suppression suppress(Enterprise e, Optional<Long> ecu, Optional<NotificationKind> kind) {
        return new Suppression(e.uuid(), ecu, kind, "asked", Instant.EPOCH, "ops");
    }

    @Test
    void aSuppressedDeliveryIsNeitherClaimedNorSentAndIsCountedThenSentOnceRemoved() {
        Enterprise e = anEnterprise();
        Admin alice = anAdmin().build();
        Admin bob = anAdmin().build();
        enterprises.add(e, aPlan().withAssigned(8).of(10));
        admins.add(e, alice, bob);
        suppressions.add(suppress(e, Optional.of(alice.ecuId()), Optional.empty()));

        RunReport dry = run(true);
        RunReport first = run(false);

        assertThat(dry.of(T75).suppressed()).as("a dry run shows them as suppressed").isEqualTo(1);
        assertThat(first.of(T75).suppressed()).isEqualTo(1);
        assertThat(first.of(T75).sent()).isEqualTo(1);
        assertThat(messenger.recipients()).containsExactly("UTILIZATION_75:" + bob.ecuId());
        assertThat(ledger.all()).as("nothing recorded for alice").noneMatch(r -> r.key().ecuId() == alice.ecuId());
        assertThat(suppressions.reads()).as("read once per run").isEqualTo(2);

        suppressions.remove(e.uuid(), Optional.of(alice.ecuId()), Optional.empty());
        RunReport after = run(false);
        assertThat(after.of(T75).sent()).isEqualTo(1);
        assertThat(messenger.recipients()).containsExactly("UTILIZATION_75:" + bob.ecuId(), "UTILIZATION_75:" + alice.ecuId());
    }

    @Test
    void reArmingIsRecordedInTheLedgerButNotUnderADryRun() {
        Enterprise e = anEnterprise();
        Admin admin = anAdmin().build();
        UUID planId = UUID.randomUUID();
        admins.add(e, admin);
        enterprises.add(e, aPlan().uuid(planId).withAssigned(80).of(100));
        service(rearming(10)).run(Request.of(TODAY));
        enterprises.replace(e, aPlan().uuid(planId).withAssigned(60).of(100));

        service(rearming(10)).run(Request.of(TODAY).withDryRun(true));
        assertThat(ledger.count(DeliveryState.ARMED)).as("dry run").isZero();
        service(rearming(10)).run(Request.of(TODAY));
        assertThat(ledger.count(DeliveryState.ARMED)).isEqualTo(1);

        enterprises.replace(e, aPlan().uuid(planId).withAssigned(80).of(100));
        RunReport again = service(rearming(10)).run(Request.of(TODAY));
        assertThat(again.of(T75).sent()).isEqualTo(1);
        assertThat(messenger.recipients()).containsExactly("UTILIZATION_75:" + admin.ecuId(), "UTILIZATION_75:" + admin.ecuId());
    }

    @Test
    void twoRunsAtOnceUnderReArmingSendEachGenerationOnce() throws Exception {
        List<Admin> all = new ArrayList<>();
        List<Enterprise> orgs = new ArrayList<>();
        List<UUID> plans = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Enterprise e = anEnterprise();
            Admin a = anAdmin().build();
            UUID plan = UUID.randomUUID();
            enterprises.add(e, aPlan().uuid(plan).withAssigned(80).of(100));
            admins.add(e, a);
            all.add(a);
            orgs.add(e);
            plans.add(plan);
        }
        for (int percent : new int[] {80, 50, 80, 50, 100}) {
            for (int i = 0; i < orgs.size(); i++)
                enterprises.replace(orgs.get(i), aPlan().uuid(plans.get(i)).withAssigned(percent).of(100));
            CompletableFuture<RunReport> a = CompletableFuture.supplyAsync(() -> service(rearming(10)).run(Request.of(TODAY)));
            CompletableFuture<RunReport> b = CompletableFuture.supplyAsync(() -> service(rearming(10)).run(Request.of(TODAY)));
            a.get(30, TimeUnit.SECONDS);
            b.get(30, TimeUnit.SECONDS);
        }

        // 75 three times (generations 0, 1, 2), 100 once, per admin; never twice in one generation
        for (Admin a : all)
            assertThat(messenger.recipients()).filteredOn(r -> r.endsWith(":" + a.ecuId()))
                    .containsExactlyInAnyOrder("UTILIZATION_75:" + a.ecuId(), "UTILIZATION_75:" + a.ecuId(),
                            "UTILIZATION_100:" + a.ecuId());
    }

    @Test
    void aRunForNamedEnterprisesTouchesOnlyThemAndNamesTheUnknownAndThePlanless() {
        Enterprise asked = anEnterprise();
        Enterprise notAsked = anEnterprise();
        Enterprise planless = anEnterprise();
        UUID unknown = UUID.randomUUID();
        enterprises.add(asked, aPlan().withAssigned(8).of(10));
        enterprises.add(notAsked, aPlan().withAssigned(8).of(10));
        enterprises.add(planless, aPlan().starting(at(TODAY.plusDays(3))).expiring(at(TODAY.plusDays(30))).of(10));
        admins.add(asked, anAdmin().build());
        admins.add(notAsked, anAdmin().build());

        RunReport report = service(NotificationRules.DEFAULT)
                .run(Request.of(TODAY).withEnterprises(Set.of(asked.uuid(), planless.uuid(), unknown)));

        assertThat(messenger.messages()).extracting(m -> m.enterprise().uuid()).containsOnly(asked.uuid());
        assertThat(report.problems().unknownEnterprises()).containsExactly(unknown);
        assertThat(report.problems().withoutAutoAssignPlan()).containsExactly(planless.uuid());
        assertThat(report.enterprises().skipped()).containsEntry(SkipReason.NO_AUTO_ASSIGN_PLAN, 1L);
        assertThat(admins.lookups()).as("the LMS is asked only about the enterprise with a plan").isEqualTo(1);
    }
}
