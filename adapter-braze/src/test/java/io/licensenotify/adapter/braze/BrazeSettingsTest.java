package io.licensenotify.adapter.braze;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;

import static io.licensenotify.adapter.braze.Fixtures.API_KEY;
import static io.licensenotify.adapter.braze.Fixtures.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BrazeSettingsTest {

    @Test
    void masksTheApiKeyInToString() {
        assertThat(settings("http://braze.test").build().toString()).doesNotContain(API_KEY).contains("apiKey=****");
    }

    @Test
    void spreadsTheHourlyLimitOverMinutesSoThatNoHourExceedsIt() {
        BrazeSettings.RateLimit limit = BrazeSettings.RateLimit.perHour(250_000);

        assertThat(limit).isEqualTo(new BrazeSettings.RateLimit(4098, Duration.ofMinutes(1)));
        // any hour touches at most 61 one-minute windows
        assertThat(61L * limit.permits()).isLessThanOrEqualTo(250_000);
    }

    @Test
    void defaultsToTheDocumentedLimitsAndTimeouts() {
        BrazeSettings s = settings("http://braze.test").timeouts(BrazeSettings.DEFAULT_CONNECT_TIMEOUT,
                BrazeSettings.DEFAULT_READ_TIMEOUT).build();

        assertThat(s.rateLimit()).isEqualTo(BrazeSettings.RateLimit.perHour(250_000));
        assertThat(s.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(s.readTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(s.maxRateLimitWait()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void rejectsAHourlyLimitTooSmallToSpreadOverMinutes() {
        assertThatThrownBy(() -> BrazeSettings.RateLimit.perHour(60))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("braze.rate-limit-per-hour");
    }

    @Test
    void rejectsAnAdminPortalBaseThatIsNotAnHttpUrl() {
        assertThatThrownBy(() -> settings("http://braze.test").adminPortalBaseUrl(URI.create("ftp://portal.test")).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("admin-portal.base-url");
    }
}
