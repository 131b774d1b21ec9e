package io.licensenotify.domain;

import org.junit.jupiter.api.Test;

import static io.licensenotify.domain.DeliveryState.ARMED;
import static io.licensenotify.domain.DeliveryState.FAILED;
import static io.licensenotify.domain.DeliveryState.PENDING;
import static io.licensenotify.domain.DeliveryState.SENDING;
import static io.licensenotify.domain.DeliveryState.SENT;
import static io.licensenotify.domain.DeliveryState.SUPERSEDED;
import static io.licensenotify.domain.DeliveryState.UNCERTAIN;
import static org.assertj.core.api.Assertions.assertThat;

class DeliveryStateTest {
    @Test
    void anOperatorReleasesUncertainDeliveriesAndOnlyClaimsWhoseRunDied() {
        assertThat(UNCERTAIN.releasableByOperator(false)).isTrue();
        assertThat(PENDING.releasableByOperator(true)).isTrue();
        assertThat(SENDING.releasableByOperator(true)).isTrue();

        assertThat(PENDING.releasableByOperator(false)).as("a live run's claim").isFalse();
        assertThat(SENDING.releasableByOperator(false)).as("a live run's request may be leaving").isFalse();
        for (DeliveryState settled : new DeliveryState[] {SENT, SUPERSEDED, FAILED, ARMED})
            assertThat(settled.releasableByOperator(true)).as(settled.name()).isFalse();
        assertThat(DeliveryState.releasableByOperator()).containsExactlyInAnyOrder(PENDING, SENDING, UNCERTAIN);
    }

    @Test
    void theClaimsArePendingAndSendingAndOnlySettledUseAllowsRearming() {
        assertThat(DeliveryState.claims()).containsExactly(PENDING, SENDING);
        for (DeliveryState s : DeliveryState.values())
            assertThat(DeliveryState.claims().contains(s)).as(s.name()).isEqualTo(s.isClaim());
        assertThat(java.util.Arrays.stream(DeliveryState.values()).filter(DeliveryState::allowsRearm))
                .as("what a threshold may be re-armed after").containsExactlyInAnyOrder(SENT, SUPERSEDED, UNCERTAIN);
    }
}
