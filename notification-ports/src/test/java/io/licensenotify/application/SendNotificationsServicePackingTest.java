package io.licensenotify.application;

import io.licensenotify.domain.Admin;
import io.licensenotify.domain.DeliveryState;
import io.licensenotify.domain.Enterprise;
import io.licensenotify.domain.NotificationRules;
import io.licensenotify.domain.UncertainPolicy;
import io.licensenotify.ports.failure.Failure;
import io.licensenotify.ports.failure.FailureKind;
import io.licensenotify.ports.in.RunReport;
import io.licensenotify.ports.in.StopSignal;
import io.licensenotify.ports.in.SendNotificationsUseCase.Request;
import io.licensenotify.ports.out.Message;
import io.licensenotify.ports.out.SendOutcome;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import static io.licensenotify.domain.testdata.TestData.TODAY;
import static io.licensenotify.domain.testdata.TestData.aPlan;
import static io.licensenotify.domain.testdata.TestData.anAdmin;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests packed across enterprises (docs/design.md "What goes to Braze"): fewer requests, and every guarantee still
 * holds per delivery, whatever shares its request.
 */
class SendNotificationsServicePackingTest extends ServiceFixture {
    private RunReport run(int concurrency) {
        return service(concurrency, UncertainPolicy.SKIP).run(Request.of(TODAY));
    }

    private final java.util.Map<UUID, io.licensenotify.domain.Plan> plans = new java.util.HashMap<>();

    private List<Enterprise> enterprisesOfThreeAdmins(int n) {
        List<Enterprise> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            io.licensenotify.domain.Plan plan = aPlan().withAssigned(8).of(10);
            Enterprise e = enterpriseWith(plan, newAdmins(3));
            plans.put(e.uuid(), plan);
            out.add(e);
        }
        return out;
    }

    @Test
    void deliveriesOfManyEnterprisesLeaveInFullRequestsEachRecipientWithItsOwnEnterpriseAndPlan() {
        List<Enterprise> all = enterprisesOfThreeAdmins(40); // 120 deliveries of one kind

        RunReport report = run(4);

        assertThat(messenger.messages()).extracting(m -> m.to().size()).containsExactlyInAnyOrder(50, 50, 20);
        assertThat(report.requests().accepted()).isEqualTo(3);
        assertThat(report.of(T75).sent()).isEqualTo(120);
        assertThat(ledger.count(DeliveryState.SENT)).isEqualTo(120);
        assertThat(messenger.messages()).flatExtracting(Message::enterprises).hasSize(all.size() + 2)
                .containsAll(all); // two enterprises straddle two requests
        for (Message m : messenger.messages())
            for (Message.Recipient r : m.to())
                assertThat(plans.get(r.enterprise().uuid())).as("each recipient's own plan").isEqualTo(r.plan());
    }

    @Test
    void aPersonWhoAdministersTwoEnterprisesGetsTwoEmailsInTwoRequests() {
        Admin same = anAdmin().lmsUserId(777).build();
        Admin sameAgain = anAdmin().lmsUserId(777).build();
        Enterprise first = enterpriseWith(aPlan().withAssigned(8).of(10), same);
        Enterprise second = enterpriseWith(aPlan().withAssigned(8).of(10), sameAgain);

        RunReport report = run(1);

        assertThat(report.of(T75).sent()).isEqualTo(2);
        assertThat(messenger.messages()).hasSize(2).allSatisfy(m -> assertThat(m.to()).hasSize(1));
        assertThat(messenger.messages()).flatExtracting(Message::enterprises).containsExactlyInAnyOrder(first, second);
    }

    @Test
    void aRefusedPackedRequestFailsExactlyItsDeliveriesEachNamedWithItsOwnEnterprise() {
        // 20 enterprises of 3: the first request holds 50 deliveries of 17 enterprises, the second the other 10
        List<Enterprise> all = enterprisesOfThreeAdmins(20);
        AtomicBoolean first = new AtomicBoolean(true);
        for (Enterprise e : all)
            messenger.answer(e.uuid(), m -> first.getAndSet(false) ? new SendOutcome.Failed(true, 503, "Braze 503")
                    : new SendOutcome.Sent("dispatch-ok"));

        RunReport report = run(1);

        assertThat(report.of(T75).failed()).isEqualTo(50);
        assertThat(report.of(T75).sent()).isEqualTo(10);
        assertThat(report.problems().failures()).hasSize(50).allSatisfy(f -> assertThat(f.error()).isEqualTo(FailureKind.SEND_TRANSIENT));
        Set<UUID> failedEnterprises = report.problems().failures().stream().map(Failure::enterprise).collect(Collectors.toSet());
        assertThat(failedEnterprises).hasSize(17);
        assertThat(ledger.count(DeliveryState.FAILED)).isEqualTo(50);
        assertThat(ledger.count(DeliveryState.SENT)).isEqualTo(10);

        messenger.answer(all.get(0).uuid(), m -> new SendOutcome.Sent("dispatch-again"));
        RunReport next = run(1);
        assertThat(next.of(T75).sent()).as("the failed ones are sent by the next run, in one request").isEqualTo(50);
        assertThat(next.requests().accepted()).isEqualTo(1);
    }

    @Test
    void anUnknownOutcomeOfAPackedRequestMakesExactlyItsDeliveriesUncertainNeverResent() {
        List<Enterprise> all = enterprisesOfThreeAdmins(20);
        AtomicBoolean first = new AtomicBoolean(true);
        for (Enterprise e : all)
            messenger.answer(e.uuid(), m -> first.getAndSet(false) ? new SendOutcome.OutcomeUnknown("read timeout")
                    : new SendOutcome.Sent("dispatch-ok"));

        RunReport report = run(1);

        assertThat(report.problems().uncertain()).hasSize(50);
        assertThat(ledger.count(DeliveryState.UNCERTAIN)).isEqualTo(50);
        assertThat(ledger.count(DeliveryState.SENT)).isEqualTo(10);
        RunReport next = run(1);
        assertThat(next.total().due()).isZero();
    }

    @Test
    void aRequestThatFailsWithAnErrorOnTheOutboxsThreadReportsEachOfItsRecipientsAsUncertain() {
        enterprisesOfThreeAdmins(2); // 6 recipients: one request, left for the end of the run, on the outbox's thread
        messenger.beforeEachSend(() -> {
            throw new OutOfMemoryError("Java heap space");
        });

        RunReport report = run(1);

        assertThat(report.problems().uncertain()).hasSize(6).allSatisfy(f -> {
            assertThat(f.error()).isEqualTo(FailureKind.UNEXPECTED);
            assertThat(f.message()).contains("OutOfMemoryError");
        });
        assertThat(ledger.count(DeliveryState.SENDING)).as("left for the next run past the lease").isEqualTo(6);
    }

    @Test
    void anErrorMaskedAsSelfSuppressionOnTheOutboxsThreadStopsTheRunAsTheErrorItselfWould() {
        enterprisesOfThreeAdmins(2);
        messenger.beforeEachSend(() -> {
            throw heapExhaustedInsideTryWithResources();
        });

        RunReport report = run(1);

        assertThat(report.problems().uncertain()).hasSize(6).allSatisfy(f -> {
            assertThat(f.error()).isEqualTo(FailureKind.UNEXPECTED);
            assertThat(f.message()).contains("OutOfMemoryError: Java heap space");
        });
        assertThat(ledger.count(DeliveryState.SENDING)).as("left for the next run past the lease").isEqualTo(6);
        assertThat(report.problems().stoppedEarly()).hasValueSatisfying(s -> assertThat(s).contains("OutOfMemoryError"));
    }

    @Test
    void aPackedRequestIsClaimedAndMarkedByOneStatementRightBeforeItLeaves() {
        enterprisesOfThreeAdmins(20);
        List<Long> claimedWhenSent = java.util.Collections.synchronizedList(new ArrayList<>());
        messenger.beforeEachSend(() -> claimedWhenSent.add(ledger.count(DeliveryState.claims())));

        RunReport report = run(2);

        assertThat(messenger.messages()).hasSize(2);
        assertThat(ledger.claims()).as("claims, one per request, none per enterprise").isEqualTo(2);
        // each request's own recipients are claimed (as sending) when it leaves, and nothing that still waits
        assertThat(claimedWhenSent).containsExactly(50L, 10L);
        assertThat(ledger.count(DeliveryState.PENDING)).isZero();
        assertThat(report.of(T75).sent()).isEqualTo(60);
    }

    @Test
    void whileARequestIsSentTheLmsIsAskedForTheNextEnterpriseButNeverMoreThanConcurrencyAtOnce() {
        enterprisesOfThreeAdmins(30);
        AtomicBoolean firstSending = new AtomicBoolean();
        CountDownLatch lookedUpMeanwhile = new CountDownLatch(1);
        AtomicBoolean overlapped = new AtomicBoolean();
        AtomicBoolean firstSeen = new AtomicBoolean();
        admins.duringEachLookup(() -> {
            if (firstSending.get()) lookedUpMeanwhile.countDown();
            pause(10); // an LMS that takes a while: enterprises are still to be looked up when the first request leaves
        });
        messenger.beforeEachSend(() -> {
            if (!firstSeen.compareAndSet(false, true)) return;
            // the first request stays in flight until an LMS lookup happens meanwhile, or 5 s
            firstSending.set(true);
            try {
                overlapped.set(lookedUpMeanwhile.await(5, TimeUnit.SECONDS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                firstSending.set(false);
            }
        });

        RunReport report = service(1, UncertainPolicy.SKIP).run(Request.of(TODAY));

        assertThat(overlapped).as("an LMS lookup while the first request was in flight").isTrue();
        assertThat(admins.mostAtOnce()).as("LMS lookups at once, at concurrency 1").isEqualTo(1);
        assertThat(report.of(T75).sent()).isEqualTo(90);
        assertThat(messenger.recipients()).doesNotHaveDuplicates().hasSize(90);
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aSlowEnterpriseDoesNotHoldBackTheEmailsOfOthersBeyondTheLinger() throws Exception {
        Enterprise quick = enterpriseWith(aPlan().withAssigned(8).of(10), newAdmins(1));
        Enterprise slow = enterpriseWith(aPlan().withAssigned(8).of(10), newAdmins(1));
        AtomicBoolean sentMeanwhile = new AtomicBoolean();
        admins.throwFor(slow, () -> {
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (messenger.messages().isEmpty() && System.nanoTime() < until) Thread.onSpinWait();
            sentMeanwhile.set(!messenger.messages().isEmpty());
            return new IllegalStateException("slow LMS gave up");
        });
        RunSettings settings = new RunSettings(2, Duration.ofHours(1), UncertainPolicy.SKIP)
                .withPackLinger(Duration.ofMillis(50));

        RunReport report = service(NotificationRules.DEFAULT, settings).run(Request.of(TODAY));

        assertThat(sentMeanwhile).as("the quick enterprise's request left while the slow one was looked up").isTrue();
        assertThat(messenger.messages()).singleElement().satisfies(m ->
                assertThat(m.enterprises()).containsExactly(quick));
        assertThat(report.of(T75).sent()).isEqualTo(1);
    }

    @Test
    void aStopReleasesWhatWaitsInTheOutboxAndTheNextRunSendsIt() {
        enterprisesOfThreeAdmins(20);
        StopSignal stop = new StopSignal();
        messenger.beforeEachSend(() -> stop.stop("SIGTERM"));

        RunReport stopped = service(1, UncertainPolicy.SKIP).run(Request.of(TODAY).withStop(stop));

        assertThat(messenger.messages()).as("the full request being sent finishes").hasSize(1);
        assertThat(stopped.of(T75).sent()).isEqualTo(50);
        // the 17th enterprise's third admin waited for the next request: released; so are the admins of the
        // enterprises the second worker (two at concurrency 1) looked at meanwhile; the others are not started
        long notReached = stopped.problems().enterprisesNotReached();
        assertThat(notReached).isBetween(0L, 3L);
        assertThat(stopped.problems().failures()).hasSize(1 + 3 * (3 - (int) notReached))
                .allSatisfy(f -> assertThat(f.error()).isEqualTo(FailureKind.STOPPED));
        assertThat(ledger.count(DeliveryState.claims())).isZero();

        messenger.beforeEachSend(() -> { });
        RunReport next = run(1);
        assertThat(next.of(T75).sent()).isEqualTo(10);
        assertThat(messenger.recipients()).doesNotHaveDuplicates().hasSize(60);
    }

    @Test
    void whatADeliverySupersedesIsRecordedByTheClaimOfItsRequestAndAStopBeforeItRecordsNeither() {
        for (int i = 0; i < 20; i++) enterpriseWith(aPlan().withAssigned(10).of(10), newAdmins(3)); // 100 % at once
        StopSignal stop = new StopSignal();
        messenger.beforeEachSend(() -> stop.stop("SIGTERM"));

        RunReport stopped = service(1, UncertainPolicy.SKIP).run(Request.of(TODAY).withStop(stop));

        assertThat(stopped.of(T100).sent()).isEqualTo(50);
        assertThat(ledger.claims()).as("one claim, of the one request that left").isEqualTo(1);
        assertThat(stopped.of(T75).superseded()).as("each sent 100 % took its admin's 75 % along").isEqualTo(50);
        assertThat(ledger.count(DeliveryState.SUPERSEDED)).isEqualTo(50);
        assertThat(ledger.all()).filteredOn(r -> r.state() == DeliveryState.SUPERSEDED)
                .allSatisfy(r -> assertThat(ledger.all()).anySatisfy(top -> {
                    assertThat(top.key().ecuId()).isEqualTo(r.key().ecuId());
                    assertThat(top.key().kind()).isEqualTo(T100);
                    assertThat(top.state()).isEqualTo(DeliveryState.SENT);
                }));

        messenger.beforeEachSend(() -> { });
        RunReport next = run(1);
        assertThat(next.of(T100).sent()).isEqualTo(10);
        assertThat(next.of(T75).superseded()).isEqualTo(10);
        assertThat(ledger.count(DeliveryState.SUPERSEDED)).isEqualTo(60);
        assertThat(messenger.recipients()).doesNotHaveDuplicates().hasSize(60)
                .allSatisfy(r -> assertThat(r).startsWith("UTILIZATION_100:"));
    }

    @Test
    void perEnterpriseTheEnterprisesClaimRecordsWhatItSupersedes() {
        for (int i = 0; i < 4; i++) enterpriseWith(aPlan().withAssigned(10).of(10), newAdmins(3));
        batching = RunSettings.Batching.ENTERPRISE;

        RunReport report = run(2);

        assertThat(ledger.claims()).as("one per enterprise").isEqualTo(4);
        assertThat(report.of(T100).sent()).isEqualTo(12);
        assertThat(report.of(T75).superseded()).isEqualTo(12);
        assertThat(ledger.count(DeliveryState.SUPERSEDED)).isEqualTo(12);
    }

    @Test
    void anAbortMakesThePackedRequestInFlightUncertainAndReleasesTheOutbox() throws Exception {
        enterprisesOfThreeAdmins(20);
        StopSignal stop = new StopSignal();
        CountDownLatch sending = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        messenger.beforeEachSend(() -> {
            sending.countDown();
            try {
                never.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });

        CompletableFuture<RunReport> run = CompletableFuture.supplyAsync(
                () -> service(1, UncertainPolicy.SKIP).run(Request.of(TODAY).withStop(stop)));
        assertThat(sending.await(10, TimeUnit.SECONDS)).isTrue();
        stop.abort("second SIGTERM");
        RunReport report = run.get(10, TimeUnit.SECONDS);

        assertThat(report.problems().uncertain()).hasSize(50)
                .allSatisfy(f -> assertThat(f.error()).isEqualTo(FailureKind.OUTCOME_UNKNOWN));
        assertThat(ledger.count(DeliveryState.UNCERTAIN)).isEqualTo(50);
        assertThat(ledger.count(DeliveryState.claims())).isZero();
        never.countDown();
    }

    @Test
    void aDryRunCountsTheRequestsItWouldMakeAndClaimsNothing() {
        enterprisesOfThreeAdmins(40);

        RunReport packed = service(2, UncertainPolicy.SKIP).run(Request.of(TODAY).withDryRun(true));
        batching = RunSettings.Batching.ENTERPRISE;
        RunReport perEnterprise = service(2, UncertainPolicy.SKIP).run(Request.of(TODAY).withDryRun(true));

        assertThat(packed.wouldSend()).hasSize(120);
        assertThat(packed.requests().accepted()).as("requests it would make, packed").isEqualTo(3);
        assertThat(perEnterprise.requests().accepted()).as("one per enterprise").isEqualTo(40);
        assertThat(messenger.messages()).isEmpty();
        assertThat(ledger.count(DeliveryState.PENDING)).isZero();
    }

    @Test
    void perEnterpriseBatchingKeepsEachRequestToOneEnterprise() {
        enterprisesOfThreeAdmins(10);
        batching = RunSettings.Batching.ENTERPRISE;

        RunReport report = run(2);

        assertThat(report.requests().accepted()).isEqualTo(10);
        assertThat(messenger.messages()).allSatisfy(m -> assertThat(m.enterprises()).hasSize(1));
    }
}
