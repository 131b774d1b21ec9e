package io.licensenotify.application;

import io.licensenotify.domain.Admin;
import io.licensenotify.domain.DeliveryKey;
import io.licensenotify.domain.Enterprise;
import io.licensenotify.domain.NotificationKind;
import io.licensenotify.domain.NotificationRules;
import io.licensenotify.domain.Plan;
import io.licensenotify.domain.SkipReason;
import io.licensenotify.ports.failure.FailureKind;
import io.licensenotify.ports.in.RunObserver;
import io.licensenotify.ports.in.RunReport;
import io.licensenotify.ports.in.SendNotificationsUseCase.Request;
import io.licensenotify.ports.out.DeliveryRecord;
import io.licensenotify.domain.DeliveryState;
import io.licensenotify.ports.out.Message;
import io.licensenotify.ports.out.SendOutcome;
import io.licensenotify.domain.UncertainPolicy;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static io.licensenotify.domain.testdata.TestData.TODAY;
import static io.licensenotify.domain.testdata.TestData.aPlan;
import static io.licensenotify.domain.testdata.TestData.anAdmin;
import static io.licensenotify.domain.testdata.TestData.anEnterprise;
import static io.licensenotify.domain.testdata.TestData.at;
import static org.assertj.core.api.Assertions.assertThat;

class SendNotificationsServiceTest extends ServiceFixture {
    private SendNotificationsService service(RunSettings settings) {
        return service(NotificationRules.DEFAULT, settings);
    }

    private SendNotificationsService service() {
        return service(new RunSettings(4, Duration.ofHours(1), UncertainPolicy.SKIP));
    }

    private RunReport run() {
        return service().run(Request.of(TODAY));
    }

    @Test
    void oneHundredTwentyAdminsOfOneEnterpriseGiveThreeSends() {
        enterpriseWith(aPlan().withAssigned(80).of(100), newAdmins(120));

        RunReport report = run();

        assertThat(messenger.messages()).extracting(m -> m.recipients().size()).containsExactly(50, 50, 20);
        assertThat(report.requests().accepted()).isEqualTo(3);
        assertThat(report.of(T75).sent()).isEqualTo(120);
        assertThat(ledger.count(DeliveryState.SENT)).isEqualTo(120);
        assertThat(report.hasProblems()).isFalse();
        assertThat(errors.reports()).isEmpty();
    }

    @Test
    void aRerunSendsNothingAgain() {
        enterpriseWith(aPlan().withAssigned(80).of(100), anAdmin().activatedOn(TODAY.minusDays(8)).build());
        run();
        int first = messenger.messages().size();

        RunReport second = run();

        assertThat(first).isEqualTo(2);
        assertThat(messenger.messages()).hasSize(2);
        assertThat(second.total().due()).isZero();
    }

    @Test
    void aFailingAdminLookupLeavesTheOthersSentAndIsReported() {
        Enterprise good1 = enterpriseWith(aPlan().withAssigned(8).of(10), newAdmins(2));
        Enterprise bad = enterpriseWith(aPlan().withAssigned(8).of(10), newAdmins(2));
        Enterprise good2 = enterpriseWith(aPlan().withAssigned(10).of(10), newAdmins(3));
        admins.failFor(bad);

        RunReport report = run();

        assertThat(messenger.messages()).extracting(m -> m.enterprise().uuid())
                .containsExactlyInAnyOrder(good1.uuid(), good2.uuid());
        assertThat(report.enterprises().failed()).isEqualTo(1);
        assertThat(report.problems().failures()).singleElement().satisfies(f -> {
            assertThat(f.enterprise()).isEqualTo(bad.uuid());
            assertThat(f.enterpriseName()).as("named for people, where known").contains(bad.name());
            assertThat(f.error()).isEqualTo(FailureKind.ADMIN_LOOKUP);
            assertThat(f.message()).contains("HTTP 500");
        });
        assertThat(report.hasProblems()).isTrue();
        assertThat(errors.reports()).singleElement().isEqualTo(report.errors());
    }

    @Test
    void onlyTheHighestCrossedThresholdIsSentAndTheLowerIsRecordedAsSuperseded() {
        Admin admin = anAdmin().build();
        enterpriseWith(aPlan().withAssigned(10).of(10), admin);

        RunReport report = run();

        assertThat(messenger.recipients()).containsExactly("UTILIZATION_100:" + admin.ecuId());
        assertThat(report.of(T75).superseded()).isEqualTo(1);
        assertThat(ledger.all()).extracting(r -> r.key().kind().code() + "=" + r.state())
                .containsExactlyInAnyOrder("UTILIZATION_100=SENT", "UTILIZATION_75=SUPERSEDED");
    }

    @Test
    void aDefiniteFailureIsReleasedAndSentByTheNextRun() {
        Enterprise e = enterpriseWith(aPlan().withAssigned(8).of(10), anAdmin().build());
        messenger.answer(e.uuid(), m -> new SendOutcome.Failed(true, 503, "Braze answered 503 three times"));

        RunReport failed = run();
        assertThat(failed.of(T75).failed()).isEqualTo(1);
        assertThat(failed.problems().failures()).singleElement().satisfies(f -> {
            assertThat(f.error()).isEqualTo(FailureKind.SEND_TRANSIENT);
            assertThat(f.enterpriseName()).contains(e.name());
        });
        assertThat(ledger.count(DeliveryState.FAILED)).isEqualTo(1);

        messenger.answer(e.uuid(), m -> new SendOutcome.Sent("d-1"));
        RunReport retried = run();
        assertThat(retried.of(T75).sent()).isEqualTo(1);
        assertThat(ledger.all()).singleElement().satisfies(r -> {
            assertThat(r.state()).isEqualTo(DeliveryState.SENT);
            assertThat(r.attempts()).isEqualTo(2);
        });
    }

    @Test
    void anUnknownOutcomeIsMarkedUncertainReportedAndNeverResent() {
        Enterprise e = enterpriseWith(aPlan().withAssigned(8).of(10), anAdmin().build());
        messenger.answer(e.uuid(), m -> new SendOutcome.OutcomeUnknown("read timed out after 15s"));

        RunReport first = run();
        messenger.answer(e.uuid(), m -> new SendOutcome.Sent("d-1"));
        RunReport second = run();

        assertThat(first.problems().uncertain()).singleElement().satisfies(f -> {
            assertThat(f.error()).isEqualTo(FailureKind.OUTCOME_UNKNOWN);
            assertThat(f.enterpriseName()).contains(e.name());
        });
        assertThat(first.hasProblems()).isTrue();
        assertThat(second.total().due()).isZero();
        assertThat(messenger.messages()).isEmpty();
        assertThat(ledger.count(DeliveryState.UNCERTAIN)).isEqualTo(1);
    }

    @Test
    void twoRunsAtOnceOverOneLedgerSendEachEmailOnce() throws Exception {
        List<Admin> all = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            Admin[] some = newAdmins(3);
            all.addAll(List.of(some));
            enterpriseWith(aPlan().withAssigned(8).of(10), some);
        }
        CountDownLatch go = new CountDownLatch(1);
        messenger.beforeEachSend(() -> Thread.yield());
        CompletableFuture<RunReport> a = CompletableFuture.supplyAsync(() -> { await(go); return run(); });
        CompletableFuture<RunReport> b = CompletableFuture.supplyAsync(() -> { await(go); return service().run(Request.of(TODAY)); });
        go.countDown();
        RunReport ra = a.get(30, TimeUnit.SECONDS);
        RunReport rb = b.get(30, TimeUnit.SECONDS);

        Map<String, Integer> times = new HashMap<>();
        messenger.recipients().forEach(r -> times.merge(r, 1, Integer::sum));
        assertThat(times).hasSize(all.size());
        assertThat(times.values()).allMatch(n -> n == 1);
        assertThat(ra.total().sent() + rb.total().sent()).isEqualTo(all.size());
    }

    @Test
    void aRunThatDiesWhileSendingLeavesClaimsThatTheNextRunReportsAsUncertainAndDoesNotResend() {
        Enterprise e = enterpriseWith(aPlan().withAssigned(8).of(10), newAdmins(2));
        messenger.beforeEachSend(() -> { throw new RunKilled(); });
        service(new RunSettings(1, Duration.ofHours(1), UncertainPolicy.SKIP)).run(Request.of(TODAY));
        assertThat(ledger.count(DeliveryState.SENDING)).isEqualTo(2);
        messenger.beforeEachSend(() -> { });

        clock.advance(Duration.ofMinutes(30));
        RunReport withinLease = run();
        clock.advance(Duration.ofMinutes(31));
        RunReport afterLease = run();

        assertThat(withinLease.total().due()).isZero();
        assertThat(withinLease.problems().uncertain()).isEmpty();
        assertThat(afterLease.problems().uncertain()).hasSize(2).allSatisfy(f -> {
            assertThat(f.enterprise()).isEqualTo(e.uuid());
            assertThat(f.error()).isEqualTo(FailureKind.STALE_CLAIM);
        });
        assertThat(messenger.messages()).isEmpty();
        assertThat(ledger.count(DeliveryState.UNCERTAIN)).isEqualTo(2);
        // the dying run reported its error, and the run past the lease the uncertain claims
        assertThat(errors.reports()).hasSize(2).last().isEqualTo(afterLease.errors());
    }

    @Test
    void underTheResendPolicyStaleClaimsAreSentAgain() {
        enterpriseWith(aPlan().withAssigned(8).of(10), newAdmins(2));
        messenger.beforeEachSend(() -> { throw new RunKilled(); });
        service(new RunSettings(1, Duration.ofHours(1), UncertainPolicy.RESEND)).run(Request.of(TODAY));
        messenger.beforeEachSend(() -> { });

        clock.advance(Duration.ofHours(2));
        RunReport report = service(new RunSettings(1, Duration.ofHours(1), UncertainPolicy.RESEND)).run(Request.of(TODAY));

        assertThat(report.total().sent()).isEqualTo(2);
        assertThat(report.problems().uncertain()).isEmpty();
        assertThat(ledger.count(DeliveryState.SENT)).isEqualTo(2);
    }

    @Test
    void aDryRunDecidesAndReportsButNeitherClaimsNorSends() {
        enterpriseWith(aPlan().withAssigned(10).of(10), anAdmin().activatedOn(TODAY.minusDays(7)).build());
        List<String> heard = new CopyOnWriteArrayList<>();
        RunObserver observer = new RunObserver() {
            @Override
            public void delivery(DeliveryKey key, Fate fate, String detail) {
                heard.add(fate + " " + key.kind().code());
            }
        };

        RunReport report = service().run(Request.of(TODAY).withDryRun(true).withObserver(observer));

        assertThat(report.scope().dryRun()).isTrue();
        assertThat(report.of(T100).due()).isEqualTo(1);
        assertThat(report.of(NotificationKind.WEEKLY_DIGEST).due()).isEqualTo(1);
        assertThat(heard).containsExactlyInAnyOrder("WOULD_SEND UTILIZATION_100", "WOULD_SEND WEEKLY_DIGEST",
                "SUPERSEDED UTILIZATION_75");
        assertThat(report.wouldSend()).extracting(w -> w.key().kind().code())
                .containsExactlyInAnyOrder("UTILIZATION_100", "WEEKLY_DIGEST");
        assertThat(ledger.all()).isEmpty();
        assertThat(messenger.requestsMade()).isZero();
    }

    @Test
    void skippedEnterprisesAndAdminsAreCountedByReason() {
        enterpriseWith(aPlan().withAssigned(8).of(10));
        enterpriseWith(aPlan().withAssigned(8).of(10), anAdmin().inactive().build(), anAdmin().withoutLmsUser().build());
        Enterprise noPlanToday = anEnterprise();
        enterprises.add(noPlanToday, aPlan().starting(at(TODAY.plusDays(3))).expiring(at(TODAY.plusDays(30))).of(10));

        RunReport report = run();

        assertThat(report.enterprises().skipped()).containsEntry(SkipReason.NO_ADMINS, 1L);
        assertThat(report.admins().skipped()).containsEntry(SkipReason.INACTIVE, 1L).containsEntry(SkipReason.NO_LMS_USER_ID, 1L);
        assertThat(report.enterprises().seen()).isEqualTo(2);
        assertThat(report.hasProblems()).isFalse();
    }

    @Test
    void messagesCarryTheAutoAssignPlanAndTheDay() {
        Plan plan = aPlan().titled("Gold").withAssigned(8).of(10);
        enterpriseWith(plan, anAdmin().build());

        run();

        Message message = messenger.messages().get(0);
        assertThat(message.plan()).isEqualTo(plan);
        assertThat(message.asOf()).isEqualTo(TODAY);
        assertThat(message.kind()).isEqualTo(T75);
        assertThat(ledger.all()).extracting(DeliveryRecord::plan).containsExactly(java.util.Optional.of(plan.uuid()));
    }

    @Test
    void aThresholdAfterAnEarlierOneFollowsUtilization() {
        Enterprise e = anEnterprise();
        Admin admin = anAdmin().build();
        Plan plan = aPlan().withAssigned(8).of(10);
        enterprises.add(e, plan);
        admins.add(e, admin);
        run();
        enterprises.replace(e, aPlan().uuid(plan.uuid()).withAssigned(10).of(10));

        run();

        assertThat(messenger.recipients()).containsExactly("UTILIZATION_75:" + admin.ecuId(), "UTILIZATION_100:" + admin.ecuId());
        assertThat(messenger.countOf(T100)).isEqualTo(1);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stands for the process being killed: nothing after it runs, not even the settle. */
    private static final class RunKilled extends Error {
    }
}
