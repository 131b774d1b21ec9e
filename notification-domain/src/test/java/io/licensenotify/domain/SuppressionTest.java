package io.licensenotify.domain;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.licensenotify.domain.testdata.TestData.TODAY;
import static io.licensenotify.domain.testdata.TestData.aPlan;
import static io.licensenotify.domain.testdata.TestData.anAdmin;
import static io.licensenotify.domain.testdata.TestData.anEnterprise;
import static org.assertj.core.api.Assertions.assertThat;

/** Rule 6: suppressions by enterprise, admin and kind. */
class SuppressionTest {
    private final Eligibility rules = new Eligibility(NotificationRules.DEFAULT);
    private final Enterprise enterprise = anEnterprise();
    private final Admin alice = anAdmin().activatedOn(TODAY.minusDays(8)).build();
    private final Admin bob = anAdmin().activatedOn(TODAY.minusDays(8)).build();
    private final Plan full = aPlan().withAssigned(100).of(100);

    private Suppression suppress(Optional<Long> ecu, Optional<NotificationKind> kind) {
        return new Suppression(enterprise.uuid(), ecu, kind, "asked by the customer", Instant.EPOCH, "ops");
    }

    private Decision.Evaluated decide(List<Suppression> suppressions, Map<DeliveryKey, DeliveryState> ledger,
                                      java.time.LocalDate day) {
        return (Decision.Evaluated) rules.decide(enterprise, List.of(full), List.of(alice, bob), new Recorded(ledger),
                suppressions, day);
    }

    @Test
    void anEnterpriseSuppressionCoversEveryAdminAndKindOfThatEnterpriseOnly() {
        Suppression all = suppress(Optional.empty(), Optional.empty());
        Decision.Evaluated d = decide(List.of(all), Map.of(), TODAY);

        assertThat(d.due()).isEmpty();
        assertThat(d.superseded()).as("nothing recorded for a suppressed threshold").isEmpty();
        assertThat(d.suppressed()).extracting(x -> x.kind().code()).containsExactlyInAnyOrder(
                "UTILIZATION_100", "UTILIZATION_75", "WEEKLY_DIGEST", "UTILIZATION_100", "UTILIZATION_75", "WEEKLY_DIGEST");
        assertThat(all.covers(DeliveryKey.weeklyDigest(alice.ecuId(), java.util.UUID.randomUUID(), TODAY))).isFalse();
    }

    @Test
    void anAdminAndKindSuppressionCoversExactlyThat() {
        Decision.Evaluated d = decide(List.of(suppress(Optional.of(alice.ecuId()), Optional.of(NotificationKind.WEEKLY_DIGEST))),
                Map.of(), TODAY);

        assertThat(d.suppressed()).extracting(x -> x.admin().ecuId() + " " + x.kind().code())
                .containsExactly(alice.ecuId() + " WEEKLY_DIGEST");
        assertThat(d.due()).extracting(x -> x.admin().ecuId() + " " + x.kind().code()).containsExactlyInAnyOrder(
                alice.ecuId() + " UTILIZATION_100", bob.ecuId() + " UTILIZATION_100", bob.ecuId() + " WEEKLY_DIGEST");
    }

    @Test
    void onceRemovedAThresholdStillReachedIsSentAndADigestOnlyForTheCurrentWeek() {
        Suppression onAlice = suppress(Optional.of(alice.ecuId()), Optional.empty());
        Map<DeliveryKey, DeliveryState> ledger = new HashMap<>();
        for (int week = 0; week < 3; week++) {
            Decision.Evaluated d = decide(List.of(onAlice), ledger, TODAY.plusWeeks(week));
            d.due().forEach(x -> ledger.put(x.key(), DeliveryState.SENT));
            d.superseded().forEach(x -> ledger.put(x.key(), DeliveryState.SUPERSEDED));
        }

        Decision.Evaluated after = decide(List.of(), ledger, TODAY.plusWeeks(3));

        assertThat(after.due()).filteredOn(x -> x.admin().equals(alice))
                .extracting(x -> x.kind().code() + "/" + x.key().period())
                .containsExactlyInAnyOrder("UTILIZATION_100/0", // the digest of the period then current (activated 8 days before TODAY: periods start the day before it)
                        "WEEKLY_DIGEST/" + DeliveryKey.digestPeriod(TODAY.plusWeeks(3).minusDays(1)));
    }
}
