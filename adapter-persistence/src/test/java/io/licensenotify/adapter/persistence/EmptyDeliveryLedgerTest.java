package io.licensenotify.adapter.persistence;

import io.licensenotify.domain.Shard;
import io.licensenotify.domain.UncertainPolicy;
import io.licensenotify.ports.out.DeliveryLedger;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmptyDeliveryLedgerTest {
    private final DeliveryLedger ledger = new EmptyDeliveryLedger();

    @Test
    void readsAsHoldingNothingAndRefusesEveryWrite() {
        UUID enterprise = UUID.randomUUID();
        assertThat(ledger.recorded(enterprise).states()).isEmpty();
        assertThat(ledger.recorded(List.of(enterprise)).get(enterprise).states()).isEmpty();
        assertThatThrownBy(() -> ledger.claim(List.of(), Set.of(), "run"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("never creates one");
        assertThatThrownBy(() -> ledger.sweepStaleClaims(Duration.ofMinutes(30), UncertainPolicy.SKIP, Shard.ALL))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> ledger.recordSuperseded(List.of(), "run")).isInstanceOf(IllegalStateException.class);
    }
}
