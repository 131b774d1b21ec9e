package io.licensenotify.ports.out;

import io.licensenotify.domain.NotificationKind;
import io.licensenotify.domain.Suppression;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** What every {@link Suppressions} promises, whatever stores it. Each test uses enterprises of its own. */
public abstract class SuppressionsContract {
    private static final Instant T0 = Instant.parse("2026-11-01T09:00:00Z");

    protected abstract Suppressions suppressions();

    private static Suppression of(UUID enterprise, Optional<Long> ecu, Optional<NotificationKind> kind, Instant at) {
        return new Suppression(enterprise, ecu, kind, "customer asked", at, "ops");
    }

    @Test
    public void addingTheSameSelectorsAgainChangesNothing() {
        UUID e = UUID.randomUUID();
        assertThat(suppressions().add(of(e, Optional.empty(), Optional.empty(), T0))).isTrue();
        assertThat(suppressions().add(of(e, Optional.empty(), Optional.empty(), T0.plusSeconds(60)))).isFalse();
        assertThat(suppressions().add(of(e, Optional.of(7L), Optional.empty(), T0))).isTrue();
        assertThat(suppressions().add(of(e, Optional.of(7L), Optional.of(NotificationKind.WEEKLY_DIGEST), T0))).isTrue();

        assertThat(suppressions().list(Optional.of(e))).hasSize(3);
    }

    @Test
    public void everyFieldReadsBackAndTheListIsNewestFirst() {
        UUID e = UUID.randomUUID();
        Suppression older = of(e, Optional.of(7L), Optional.of(NotificationKind.threshold(75)), T0);
        Suppression newer = new Suppression(e, Optional.empty(), Optional.of(NotificationKind.WEEKLY_DIGEST),
                "on holiday: ünïcode", T0.plus(1, ChronoUnit.DAYS), "alice");
        suppressions().add(older);
        suppressions().add(newer);

        assertThat(suppressions().list(Optional.of(e))).containsExactly(newer, older);
        assertThat(suppressions().all()).contains(older, newer);
        assertThat(suppressions().list(Optional.of(UUID.randomUUID()))).isEmpty();
    }

    @Test
    public void removingTakesExactlyTheseSelectors() {
        UUID e = UUID.randomUUID();
        suppressions().add(of(e, Optional.empty(), Optional.empty(), T0));
        suppressions().add(of(e, Optional.of(7L), Optional.empty(), T0));

        assertThat(suppressions().remove(e, Optional.of(7L), Optional.of(NotificationKind.WEEKLY_DIGEST))).isZero();
        assertThat(suppressions().remove(e, Optional.of(7L), Optional.empty())).isEqualTo(1);
        assertThat(suppressions().remove(e, Optional.of(7L), Optional.empty())).isZero();
        assertThat(suppressions().list(Optional.of(e))).singleElement()
                .satisfies(s -> assertThat(s.ecuId()).isEmpty());
    }
}
