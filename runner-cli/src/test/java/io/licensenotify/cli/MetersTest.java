package io.licensenotify.cli;

import io.licensenotify.cli.wiring.Meters;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MetersTest {
    @Test
    void readsEachRegisteredReadingWhenAskedAndNothingForOneNeverRegistered() {
        Meters meters = new Meters();
        AtomicLong statements = new AtomicLong(3);
        meters.register(Meters.SQL_STATEMENTS, statements::get);
        statements.set(41);

        assertThat(meters.read(Meters.SQL_STATEMENTS)).hasValue(41);
        assertThat(meters.read(Meters.SQL_STATEMENTS_READING_LICENSE_DATA)).isEmpty();
        assertThat(meters.readAll()).containsExactly(org.assertj.core.api.Assertions.entry(Meters.SQL_STATEMENTS, 41L));
        assertThatThrownBy(() -> meters.register(Meters.SQL_STATEMENTS, () -> 0)).hasMessageContaining(Meters.SQL_STATEMENTS);
    }

    @Test
    void theReportsMetricsAreTheMetersReadings() {
        Meters meters = new Meters();
        meters.register(Meters.SQL_STATEMENTS, () -> 41);
        meters.register(Meters.SQL_STATEMENTS_READING_LICENSE_DATA, () -> 2);

        RunMetrics metrics = RunMetrics.measure(meters);

        assertThat(metrics.sqlStatements()).hasValue(41);
        assertThat(metrics.sqlStatementsReadingLicenseData()).hasValue(2);
        assertThat(RunMetrics.measure(new Meters()).sqlStatements()).isEmpty();
        assertThat(metrics.heapMaxBytes()).isPositive();
    }
}
