package io.licensenotify.ports.in;

import io.licensenotify.domain.Shard;
import io.licensenotify.ports.in.SendNotificationsUseCase.Request;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class RequestTest {
    private static final LocalDate DAY = LocalDate.of(2024, 6, 3);

    @Test
    void aRequestOfADayRunsEveryEnterpriseForRealUnderAFreshRunId() {
        Request request = Request.of(DAY);

        assertThat(request.asOf()).isEqualTo(DAY);
        assertThat(request.dryRun()).isFalse();
        assertThat(request.observer()).isSameAs(RunObserver.NONE);
        assertThat(request.stop().stopRequested()).isFalse();
        assertThat(request.only()).isEmpty();
        assertThat(request.shard()).isEqualTo(Shard.ALL);
        assertThat(UUID.fromString(request.runId())).isNotNull();
        assertThat(Request.of(DAY).runId()).isNotEqualTo(request.runId());
    }

    @Test
    void eachWithChangesOneChoiceAndKeepsTheOthers() {
        UUID acme = UUID.fromString("e0000000-0000-4000-8000-000000000001");
        StopSignal stop = new StopSignal();
        RunObserver observer = new RunObserver() {
        };

        Request request = Request.of(DAY).withDryRun(true).withObserver(observer).withStop(stop).withRunId("run-7")
                .withEnterprises(Set.of(acme)).withShard(new Shard(1, 4));

        assertThat(request).isEqualTo(new Request(DAY, true, observer, stop, Set.of(acme), "run-7", new Shard(1, 4)));
        assertThat(request.withDryRun(false)).isEqualTo(
                new Request(DAY, false, observer, stop, Set.of(acme), "run-7", new Shard(1, 4)));
        assertThat(request.withEnterprises(Set.of()).only()).isEmpty();
        assertThat(request.withRunId(null).runId()).isNotBlank().isNotEqualTo("run-7");
    }
}
