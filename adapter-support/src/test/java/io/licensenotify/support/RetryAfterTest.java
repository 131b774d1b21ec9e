package io.licensenotify.support;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class RetryAfterTest {
    private static final Instant NOW = Instant.parse("2024-05-31T10:00:00Z");

    @Test
    void readsDelaySecondsAndAnHttpDate() {
        assertThat(RetryAfter.parse(" 3 ", NOW)).contains(Duration.ofSeconds(3));
        assertThat(RetryAfter.parse("Fri, 31 May 2024 10:00:42 GMT", NOW)).contains(Duration.ofSeconds(42));
    }

    @Test
    void aPastDateOrANegativeNumberIsNoWait() {
        assertThat(RetryAfter.parse("Fri, 31 May 2024 09:00:00 GMT", NOW)).contains(Duration.ZERO);
        assertThat(RetryAfter.parse("-5", NOW)).contains(Duration.ZERO);
    }

    @Test
    void anythingElseSaysNothing() {
        assertThat(RetryAfter.parse(null, NOW)).isEmpty();
        assertThat(RetryAfter.parse(" ", NOW)).isEmpty();
        assertThat(RetryAfter.parse("soon", NOW)).isEmpty();
        assertThat(RetryAfter.parse("2024-05-31T10:00:42Z", NOW)).isEmpty();
    }
}
