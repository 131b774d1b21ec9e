package io.licensenotify.application;

import io.licensenotify.domain.Admin;
import io.licensenotify.domain.Delivery;
import io.licensenotify.domain.DeliveryKey;
import io.licensenotify.domain.DeliveryState;
import io.licensenotify.domain.Enterprise;
import io.licensenotify.domain.Shard;
import io.licensenotify.domain.UncertainPolicy;
import io.licensenotify.ports.failure.Failure;
import io.licensenotify.ports.in.RunReport;
import io.licensenotify.ports.in.SendNotificationsUseCase.Request;
import io.licensenotify.ports.out.DeliveryLedger.Claim;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static io.licensenotify.domain.testdata.TestData.TODAY;
import static io.licensenotify.domain.testdata.TestData.aPlan;
import static io.licensenotify.domain.testdata.TestData.anAdmin;
import static org.assertj.core.api.Assertions.assertThat;

/** A run that is one shard of several handles, counts, sweeps and reports its own share only. */
class SendNotificationsServiceShardsTest extends ServiceFixture {

    /** An enterprise whose uuid starts with these 32 bits, so that the test knows its shard. */
    private static Enterprise enterpriseHashed(long first32) {
        UUID random = UUID.randomUUID();
        UUID u = new UUID((first32 << 32) | (random.getMostSignificantBits() & 0xFFFFFFFFL),
                random.getLeastSignificantBits());
        return new Enterprise(u, "Org " + first32, Optional.of("org-" + first32));
    }

    private RunReport run(Shard shard) {
        return service(2, UncertainPolicy.SKIP).run(Request.of(TODAY).withShard(shard));
    }

    @Test
    void threeShardsEachSendTheirOwnShareAndTogetherEveryDueEmailOnce() {
        Map<UUID, Admin> adminOf = new HashMap<>();
        for (int i = 0; i < 12; i++) {
            Enterprise e = enterpriseHashed(i * 1_000_003L);
            Admin a = anAdmin().build();
            enterprisesWith(e, a);
            adminOf.put(e.uuid(), a);
        }
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Shard shard = new Shard(i, 3);
            int before = messenger.recipients().size();

            RunReport report = run(shard);

            long share = adminOf.keySet().stream().filter(shard::contains).count();
            assertThat(share).as("the test's uuids fall in every shard").isPositive();
            assertThat(report.scope().shard()).isEqualTo(shard);
            assertThat(report.enterprises().seen()).as("shard %s", shard).isEqualTo(share);
            assertThat(report.of(T75).sent()).isEqualTo(share);
            assertThat(report.complete()).isTrue();
            List<String> now = messenger.recipients().subList(before, messenger.recipients().size());
            assertThat(now).as("shard %s emails only its admins", shard).allMatch(r -> adminOf.entrySet().stream()
                    .anyMatch(x -> shard.contains(x.getKey()) && r.endsWith(":" + x.getValue().ecuId())));
            sent.addAll(now);
        }
        assertThat(sent).hasSize(12).doesNotHaveDuplicates();
    }

    @Test
    void aShardSweepsOnlyItsOwnStaleClaimsAndItsRunErrorReportNamesIt() {
        Enterprise first = enterpriseHashed(4);   // 4 % 2 = 0
        Enterprise second = enterpriseHashed(7);  // 7 % 2 = 1
        Admin a = anAdmin().build();
        Admin b = anAdmin().build();
        enterprisesWith(first, a);
        enterprisesWith(second, b);
        // a dead run claimed and marked both as sending, then vanished
        List<Delivery> dead = List.of(
                new Delivery(DeliveryKey.threshold(a.ecuId(), first.uuid(), 75, PLAN), a, aPlan().uuid(PLAN).withAssigned(8).of(10)),
                new Delivery(DeliveryKey.threshold(b.ecuId(), second.uuid(), 75, PLAN), b, aPlan().uuid(PLAN).withAssigned(8).of(10)));
        Claim claim = ledger.claim(dead, "dead-run");
        ledger.settle(claim, dead.stream().map(Delivery::key).toList(), DeliveryState.SENDING, null);
        clock.advance(Duration.ofMinutes(61));

        RunReport ofFirst = run(new Shard(0, 2));

        assertThat(ofFirst.problems().uncertain()).extracting(Failure::enterprise).containsExactly(first.uuid());
        assertThat(ledger.all()).filteredOn(r -> r.key().enterprise().equals(second.uuid()))
                .extracting(r -> r.state()).containsExactly(DeliveryState.SENDING);
        assertThat(errors.reports()).singleElement().satisfies(p -> assertThat(p.shard()).isEqualTo(new Shard(0, 2)));

        RunReport ofSecond = run(new Shard(1, 2));

        assertThat(ofSecond.problems().uncertain()).extracting(Failure::enterprise).containsExactly(second.uuid());
        assertThat(messenger.recipients()).as("at most once: neither is resent").isEmpty();
    }

    @Test
    void aRunForNamedEnterprisesLeavesAnotherEnterprisesStaleClaimForTheDailyRunToName() {
        Enterprise assigned = enterpriseHashed(4);
        Enterprise other = enterpriseHashed(7);
        Admin a = anAdmin().build();
        Admin b = anAdmin().build();
        enterprisesWith(assigned, a);
        enterprisesWith(other, b);
        // a dead run claimed and marked the other enterprise's email as sending two hours ago, then vanished
        Delivery dead = new Delivery(DeliveryKey.threshold(b.ecuId(), other.uuid(), 75, PLAN), b,
                aPlan().uuid(PLAN).withAssigned(8).of(10));
        ledger.settle(ledger.claim(List.of(dead), "dead-run"), List.of(dead.key()), DeliveryState.SENDING, null);
        clock.advance(Duration.ofHours(2));

        RunReport embedded = service(2, UncertainPolicy.SKIP).run(Request.of(TODAY).withEnterprises(Set.of(assigned.uuid())));

        assertThat(embedded.of(T75).sent()).isEqualTo(1);
        assertThat(embedded.problems().uncertain()).as("not this run's enterprise: not its sweep").isEmpty();
        assertThat(ledger.all()).filteredOn(r -> r.key().equals(dead.key()))
                .extracting(r -> r.state()).containsExactly(DeliveryState.SENDING);
        assertThat(errors.reports()).as("the embedded call had nothing to report").isEmpty();

        RunReport daily = run(Shard.ALL);

        assertThat(daily.problems().uncertain()).singleElement().satisfies(f -> {
            assertThat(f.enterprise()).isEqualTo(other.uuid());
            assertThat(f.error()).isEqualTo(io.licensenotify.ports.failure.FailureKind.STALE_CLAIM);
        });
        assertThat(daily.hasProblems()).as("the daily run exits 1").isTrue();
        assertThat(errors.reports()).as("its run-error email names it").singleElement()
                .satisfies(p -> assertThat(p.problems().uncertain()).extracting(Failure::enterprise).containsExactly(other.uuid()));
        assertThat(messenger.recipients()).as("at most once: not resent").containsExactly("UTILIZATION_75:" + a.ecuId());
    }

    @Test
    void namedEnterprisesAreTheRunWhateverTheShardAndAnUnshardedReportSaysAll() {
        Enterprise e = enterpriseHashed(5);
        enterprisesWith(e, anAdmin().build());

        RunReport named = service(2, UncertainPolicy.SKIP).run(Request.of(TODAY).withEnterprises(Set.of(e.uuid())));
        assertThat(named.scope().shard()).isEqualTo(Shard.ALL);
        assertThat(named.of(T75).sent()).isEqualTo(1);
    }

    private static final UUID PLAN = UUID.fromString("00000000-0000-4000-8000-00000000aaaa");

    private void enterprisesWith(Enterprise e, Admin admin) {
        enterprises.add(e, aPlan().uuid(PLAN).withAssigned(8).of(10));
        admins.add(e, admin);
    }
}
