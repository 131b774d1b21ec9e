package io.licensenotify.application;

import io.licensenotify.domain.Admin;
import io.licensenotify.domain.DeliveryState;
import io.licensenotify.domain.Enterprise;
import io.licensenotify.domain.SkipReason;
import io.licensenotify.domain.UncertainPolicy;
import io.licensenotify.ports.failure.FailureKind;
import io.licensenotify.ports.in.RunObserver.Fate;
import io.licensenotify.ports.in.RunReport;
import io.licensenotify.ports.in.SendNotificationsUseCase.Request;
import io.licensenotify.ports.in.StopSignal;
import io.licensenotify.ports.out.AdminLookupException;
import io.licensenotify.ports.out.AdminRoster;
import io.licensenotify.ports.out.Message;
import io.licensenotify.ports.out.SendOutcome;
import io.licensenotify.ports.out.StorageException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static io.licensenotify.domain.testdata.TestData.TODAY;
import static io.licensenotify.domain.testdata.TestData.aPlan;
import static io.licensenotify.domain.testdata.TestData.anAdmin;
import static io.licensenotify.domain.testdata.TestData.anEnterprise;
import static org.assertj.core.api.Assertions.assertThat;

/** The promise holds when things go wrong, and the report says what was and was not done. */
class SendNotificationsServiceFaultsTest extends ServiceFixture {
    private RunReport run() {
        return service(1, UncertainPolicy.SKIP).run(Request.of(TODAY));
    }

    @Test
    void aClaimNeverMarkedAsSendingIsReleasedAndSentByTheNextRunUnderEitherPolicy() {
        batching = RunSettings.Batching.ENTERPRISE;
        for (UncertainPolicy policy : UncertainPolicy.values()) {
            // two batches: the claim marks the first (its request leaves at once), the second is marked on its own
            Enterprise e = enterpriseWith(aPlan().withAssigned(8).of(10), newAdmins(Message.MAX_RECIPIENTS + 2));
            ledger.failNext("settle:SENDING", 1);
            RunReport first = service(1, policy).run(Request.of(TODAY));
            assertThat(first.problems().failures()).as(policy.name()).hasSize(2)
                    .allSatisfy(f -> assertThat(f.error()).isEqualTo(FailureKind.STORAGE));
            assertThat(messenger.messages()).as("only the batch the claim marked leaves")
                    .filteredOn(m -> m.enterprise().equals(e)).singleElement()
                    .satisfies(m -> assertThat(m.recipients()).hasSize(Message.MAX_RECIPIENTS));

            clock.advance(Duration.ofMinutes(61));
            RunReport next = service(1, policy).run(Request.of(TODAY));

            assertThat(next.problems().uncertain()).as(policy.name()).isEmpty();
            assertThat(next.of(T75).sent()).as(policy.name()).isEqualTo(2);
            assertThat(messenger.messages()).filteredOn(m -> m.enterprise().equals(e)).hasSize(2);
        }
    }

    @Test
    void aLedgerReadThatFailsFailsTheEnterprisesOfItsWindowOnlyAndTheNextRunSendsThem() {
        // concurrency 1: windows of 2 enterprises, read with one call each
        List<Enterprise> enterprises = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) enterprises.add(enterpriseWith(aPlan().withAssigned(8).of(10), newAdmins(1)));
        ledger.failNext("recorded", 1);

        RunReport first = run();

        assertThat(ledger.windowReads()).as("one read per window of 2, the failed one not counted").isEqualTo(2);
        assertThat(first.problems().failures()).hasSize(2).allSatisfy(f -> assertThat(f.error()).isEqualTo(FailureKind.STORAGE));
        assertThat(first.of(T75).sent()).isEqualTo(3);
        RunReport next = run();
        assertThat(next.of(T75).sent()).isEqualTo(2);
        assertThat(messenger.recipients()).hasSize(5);
        assertThat(messenger.messages()).flatExtracting(Message::enterprises)
                .containsExactlyInAnyOrderElementsOf(enterprises);
    }

    @Test
    void aClaimTakenOverWhileItsRequestWasSlowIsReportedNotOverwritten() {
        Enterprise e = enterpriseWith(aPlan().withAssigned(8).of(10), anAdmin().build());
        messenger.beforeEachSend(() -> {
            // the request takes longer than the lease; another run sweeps and claims the delivery meanwhile
            messenger.beforeEachSend(() -> { });
            clock.advance(Duration.ofMinutes(61));
            service(1, UncertainPolicy.RESEND).run(Request.of(TODAY));
        });

        RunReport slow = service(1, UncertainPolicy.RESEND).run(Request.of(TODAY));

        assertThat(slow.problems().failures()).singleElement().satisfies(f -> {
            assertThat(f.enterprise()).isEqualTo(e.uuid());
            assertThat(f.error()).isEqualTo(FailureKind.TAKEN_OVER);
        });
        assertThat(ledger.all()).singleElement().satisfies(r -> {
            assertThat(r.state()).isEqualTo(DeliveryState.SENT);
            assertThat(r.attempts()).as("the other run's claim").isEqualTo(2);
        });
    }

    @Test
    void anErrorInAWorkerStartsNoNewWorkAndTheReportSaysTheRunStoppedEarly() {
        Enterprise broken = enterpriseWith(aPlan().withAssigned(8).of(10), newAdmins(1));
        for (int i = 0; i < 199; i++) // more than the workers hold, so that the stop leaves some unstarted
            enterpriseWith(aPlan().withAssigned(8).of(10), newAdmins(1));
        admins.throwFor(broken, () -> new OutOfMemoryError("Java heap space"));

        RunReport report = run();

        assertThat(report.problems().failures()).anySatisfy(f -> {
            assertThat(f.enterprise()).isEqualTo(broken.uuid());
            assertThat(f.error()).isEqualTo(FailureKind.FATAL);
            assertThat(f.message()).contains("OutOfMemoryError");
        });
        assertThat(report.complete()).isFalse();
        assertThat(report.problems().stoppedEarly()).hasValueSatisfying(s -> assertThat(s).contains("OutOfMemoryError"));
        assertThat(report.enterprises().seen()).isLessThan(200);
        assertThat(report.problems().enterprisesNotReached()).isEqualTo(200 - report.enterprises().seen());
        assertThat(report.hasProblems()).isTrue();
        assertThat(errors.reports()).containsExactly(report.errors());
    }

    @Test
    void anErrorMetAgainWhileAResourceClosesStopsTheRunAsTheErrorItselfWould() {
        Enterprise broken = enterpriseWith(aPlan().withAssigned(8).of(10), newAdmins(1));
        for (int i = 0; i < 199; i++) // more than the workers hold
            enterpriseWith(aPlan().withAssigned(8).of(10), newAdmins(1));
        admins.throwFor(broken, ServiceFixture::heapExhaustedInsideTryWithResources);

        RunReport report = run();

        assertThat(report.problems().failures()).anySatisfy(f -> {
            assertThat(f.enterprise()).isEqualTo(broken.uuid());
            assertThat(f.error()).isEqualTo(FailureKind.FATAL);
            assertThat(f.message()).isEqualTo("OutOfMemoryError: Java heap space");
        });
        assertThat(report.problems().stoppedEarly()).hasValueSatisfying(s -> assertThat(s).contains("OutOfMemoryError"));
        assertThat(report.enterprises().seen()).isLessThan(200);
    }

    @Test
    void licenseDataThatStopsHalfwayStillGivesAReportAndTheRunErrorEmail() {
        for (int i = 0; i < 4; i++) enterpriseWith(aPlan().withAssigned(8).of(10), newAdmins(1));
        enterprises.failAfter(2, new StorageException("reading license data failed: connection lost", true, null));

        RunReport report = run();

        assertThat(report.enterprises().seen()).isEqualTo(2);
        assertThat(report.total().sent()).isEqualTo(2);
        assertThat(report.problems().stoppedEarly()).hasValueSatisfying(s -> assertThat(s).contains("connection lost"));
        assertThat(report.problems().enterprisesNotReached()).isEqualTo(2);
        assertThat(report.hasProblems()).isTrue();
        assertThat(errors.reports()).containsExactly(report.errors());
    }

    @Test
    void aStopStartsNoNewEnterpriseOrBatchReleasesTheUnsentAndTheNextRunSendsThem() {
        enterpriseWith(aPlan().withAssigned(8).of(10), newAdmins(120)); // three batches
        enterpriseWith(aPlan().withAssigned(8).of(10), newAdmins(1));
        StopSignal stop = new StopSignal();
        messenger.beforeEachSend(() -> stop.stop("SIGTERM"));

        RunReport stopped = service(1, UncertainPolicy.SKIP).run(Request.of(TODAY).withStop(stop));

        assertThat(messenger.messages()).hasSize(1);
        assertThat(stopped.problems().stoppedEarly()).contains("SIGTERM");
        assertThat(stopped.total().sent()).isEqualTo(50);
        // the second enterprise was looked at beside the first (its one delivery released), or not reached at all
        long notReached = stopped.problems().enterprisesNotReached();
        assertThat(notReached).isBetween(0L, 1L);
        assertThat(stopped.problems().failures()).hasSize(71 - (int) notReached)
                .allSatisfy(f -> assertThat(f.error()).isEqualTo(FailureKind.STOPPED));
        assertThat(ledger.count(DeliveryState.claims())).isZero();

        messenger.beforeEachSend(() -> { });
        RunReport next = run();
        assertThat(next.total().sent()).isEqualTo(71);
        assertThat(messenger.recipients()).doesNotHaveDuplicates().hasSize(121);
    }

    @Test
    void anAbortStopsWaitingForTheRequestInFlightWhichIsThenUncertain() throws Exception {
        enterpriseWith(aPlan().withAssigned(8).of(10), newAdmins(2));
        StopSignal stop = new StopSignal();
        CountDownLatch sending = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        messenger.beforeEachSend(() -> {
            sending.countDown();
            await(never);
        });

        CompletableFuture<RunReport> run = CompletableFuture.supplyAsync(
                () -> service(1, UncertainPolicy.SKIP).run(Request.of(TODAY).withStop(stop)));
        assertThat(sending.await(10, TimeUnit.SECONDS)).isTrue();
        stop.abort("second SIGTERM");
        RunReport report = run.get(10, TimeUnit.SECONDS);

        assertThat(report.problems().uncertain()).hasSize(2).allSatisfy(f -> assertThat(f.error()).isEqualTo(FailureKind.OUTCOME_UNKNOWN));
        assertThat(ledger.count(DeliveryState.UNCERTAIN)).isEqualTo(2);
        never.countDown();
    }

    @Test
    void aFailureOfTheLmsItselfIsNamedOnceForEveryEnterpriseItStruck() {
        for (int i = 0; i < 30; i++) enterpriseWith(aPlan().withAssigned(8).of(10), newAdmins(1));
        admins.failEvery(e -> new AdminLookupException(e.uuid(), "/oauth2/access_token", 401, false, true,
                "the LMS refused the client credentials", null));

        RunReport report = service(4, UncertainPolicy.SKIP).run(Request.of(TODAY));

        assertThat(report.enterprises().failed()).isEqualTo(30);
        assertThat(report.problems().failures()).isEmpty();
        assertThat(report.problems().shared()).singleElement().satisfies(s -> {
            assertThat(s.enterprises()).isEqualTo(30);
            assertThat(s.message()).isEqualTo("the LMS refused the client credentials");
            assertThat(s.examples()).hasSize(5);
        });
        assertThat(report.hasProblems()).isTrue();
        assertThat(errors.reports()).containsExactly(report.errors());
    }

    @Test
    void oneUnreadableLmsRowCostsOneAdminAndRowsOfOthersAreSkipped() {
        Enterprise e = anEnterprise();
        enterprises.add(e, aPlan().withAssigned(8).of(10));
        Admin[] good = newAdmins(3);
        admins.roster(e, new AdminRoster(List.of(good),
                List.of(AdminRoster.Rejected.ignored(901, SkipReason.NOT_THIS_ENTERPRISE, "enterprise of another uuid"),
                        AdminRoster.Rejected.ignored(902, SkipReason.NOT_AN_ADMIN, "role enterprise_learner")),
                List.of(AdminRoster.Rejected.unreadable(Optional.of(903L), "field 'user' is no object"))));

        RunReport report = run();

        assertThat(report.total().sent()).isEqualTo(3);
        assertThat(report.problems().failures()).singleElement().satisfies(f -> {
            assertThat(f.error()).isEqualTo(FailureKind.BAD_DATA);
            assertThat(f.ecuId()).contains(903L);
        });
        assertThat(report.admins().skipped()).containsEntry(SkipReason.NOT_THIS_ENTERPRISE, 1L)
                .containsEntry(SkipReason.NOT_AN_ADMIN, 1L);
        assertThat(messenger.recipients()).hasSize(3);
    }

    @Test
    void anAdminWithoutAnActivationTimeIsABadDataFailureOfItsDigestOnlyAndStillGetsItsThreshold() {
        Admin undated = anAdmin().withoutActivationTime().build();
        Admin dated = anAdmin().build();
        Enterprise e = enterpriseWith(aPlan().withAssigned(8).of(10), undated, dated);

        RunReport report = run();

        assertThat(messenger.recipients()).contains(T75.code() + ":" + undated.ecuId(), T75.code() + ":" + dated.ecuId())
                .doesNotContain(io.licensenotify.domain.NotificationKind.WEEKLY_DIGEST.code() + ":" + undated.ecuId());
        assertThat(report.problems().failures()).singleElement().satisfies(f -> {
            assertThat(f.error()).isEqualTo(FailureKind.BAD_DATA);
            assertThat(f.enterprise()).isEqualTo(e.uuid());
            assertThat(f.ecuId()).contains(undated.ecuId());
            assertThat(f.kind()).contains(io.licensenotify.domain.NotificationKind.WEEKLY_DIGEST);
            assertThat(f.message()).contains("created");
        });
        assertThat(errors.reports()).singleElement().satisfies(p -> assertThat(p.problems().failures())
                .anySatisfy(f -> assertThat(f.ecuId()).contains(undated.ecuId())));
    }

    @Test
    void aRecipientASuccessNamesInItsErrorsIsUncertainWithWhatBrazeSaidAndTheOthersAreSent() {
        Admin named = anAdmin().build();
        Admin other = anAdmin().build();
        Enterprise e = enterpriseWith(aPlan().withAssigned(8).of(10), named, other);
        long namedUser = named.lmsUserId().orElseThrow();
        messenger.answer(e.uuid(), m -> new SendOutcome.Sent("d-7", false,
                List.of("external_user_id " + namedUser + " was not processed: no such user")));

        RunReport report = run();

        assertThat(report.total().sent()).isEqualTo(1);
        assertThat(report.total().uncertain()).isEqualTo(1);
        assertThat(report.problems().uncertain()).singleElement().satisfies(f -> {
            assertThat(f.ecuId()).contains(named.ecuId());
            assertThat(f.message()).contains("listed this recipient in its errors", "no such user");
        });
        assertThat(ledger.all()).anySatisfy(row -> {
            assertThat(row.key().ecuId()).isEqualTo(other.ecuId());
            assertThat(row.state()).isEqualTo(io.licensenotify.domain.DeliveryState.SENT);
        }).anySatisfy(row -> {
            assertThat(row.key().ecuId()).isEqualTo(named.ecuId());
            assertThat(row.state()).isEqualTo(io.licensenotify.domain.DeliveryState.UNCERTAIN);
        });
        assertThat(report.hasProblems()).isTrue();
    }

    @Test
    void deliveriesBrazeQueuedAreSentCountedApartAndRecordedAsQueued() {
        Enterprise e = enterpriseWith(aPlan().withAssigned(8).of(10), newAdmins(2));
        messenger.answer(e.uuid(), m -> new SendOutcome.Sent("", true));

        RunReport report = run();

        assertThat(report.hasProblems()).isFalse();
        assertThat(report.total().sent()).isEqualTo(2);
        assertThat(report.total().queued()).isEqualTo(2);
        assertThat(ledger.all()).hasSize(2).allSatisfy(row -> {
            assertThat(row.state()).isEqualTo(io.licensenotify.domain.DeliveryState.SENT);
            assertThat(row.dispatchId()).contains("queued by Braze (maintenance)");
        });
    }

    @Test
    void anLmsThatListsNoAdminForAnyEnterpriseFailsTheRunNamingTheServiceUser() {
        Enterprise first = enterpriseWith(aPlan().withAssigned(8).of(10));
        Enterprise second = enterpriseWith(aPlan().withAssigned(10).of(10));

        RunReport report = run();

        assertThat(messenger.recipients()).isEmpty();
        assertThat(report.hasProblems()).as("a run that notified nobody because the LMS listed nobody").isTrue();
        assertThat(report.problems().shared()).singleElement().satisfies(f -> {
            assertThat(f.error()).isEqualTo(FailureKind.ADMIN_LOOKUP);
            assertThat(f.enterprises()).isEqualTo(2);
            assertThat(f.examples()).containsExactlyInAnyOrder(first.uuid(), second.uuid());
            assertThat(f.message()).contains("no admin", "lms.oauth.client-id", "staff");
        });
        assertThat(errors.reports()).as("the run-error email").hasSize(1);
    }

    @Test
    void anEnterpriseWithoutAdminsBesideOthersWithAdminsIsNoProblem() {
        enterpriseWith(aPlan().withAssigned(8).of(10));
        enterpriseWith(aPlan().withAssigned(8).of(10), newAdmins(1));

        RunReport report = run();

        assertThat(report.hasProblems()).isFalse();
        assertThat(report.enterprises().skipped()).containsEntry(io.licensenotify.domain.SkipReason.NO_ADMINS, 1L);
    }

    @Test
    void aRunErrorEmailThatCannotBeSentIsAWarningInTheReport() {
        Enterprise refused = enterpriseWith(aPlan().withAssigned(8).of(10), newAdmins(1));
        messenger.answer(refused.uuid(), m -> new SendOutcome.Failed(false, 400, "invalid campaign"));
        errors.failWith("Braze answered 401");

        RunReport report = run();

        assertThat(report.warnings()).singleElement().asString().contains("run-error email", "401");
    }

    @Test
    void theCountsAndTheObserverHearTheSameEvents() {
        Enterprise e = enterpriseWith(aPlan().withAssigned(10).of(10), newAdmins(3));
        messenger.answer(e.uuid(), m -> new SendOutcome.Failed(true, 503, "busy"));
        java.util.Map<String, Integer> heard = new java.util.concurrent.ConcurrentHashMap<>();
        io.licensenotify.ports.in.RunObserver observer = new io.licensenotify.ports.in.RunObserver() {
            @Override
            public void delivery(io.licensenotify.domain.DeliveryKey key, Fate fate, String detail) {
                heard.merge(fate.name(), 1, Integer::sum);
            }
        };

        RunReport report = service(1, UncertainPolicy.SKIP).run(Request.of(TODAY).withObserver(observer));

        assertThat(heard).containsEntry("FAILED", (int) report.total().failed())
                .containsEntry("SUPERSEDED", (int) report.total().superseded());
        assertThat(report.total().failed()).isEqualTo(3);
    }

    @Test
    void messagesSentCountsOnlyRequestsTheMessengerAccepted() {
        batching = RunSettings.Batching.ENTERPRISE;
        Enterprise refused = enterpriseWith(aPlan().withAssigned(8).of(10), newAdmins(2));
        enterpriseWith(aPlan().withAssigned(8).of(10), newAdmins(2));
        messenger.answer(refused.uuid(), m -> new SendOutcome.Failed(false, 400, "invalid campaign"));

        RunReport report = run();

        assertThat(report.requests().made()).isEqualTo(2);
        assertThat(report.requests().accepted()).isEqualTo(1);
    }

    @Test
    void anAcceptedRequestWhoseDispatchIdIsUnknownCountsAsSentAndIsNoted() {
        Enterprise e = enterpriseWith(aPlan().withAssigned(8).of(10), newAdmins(2));
        messenger.answer(e.uuid(), m -> new SendOutcome.Sent(""));

        RunReport report = run();

        assertThat(report.total().sent()).isEqualTo(2);
        assertThat(report.problems().dispatchIdsUnknown()).isEqualTo(2);
        assertThat(report.hasProblems()).isFalse();
        assertThat(ledger.count(DeliveryState.SENT)).isEqualTo(2);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
