package io.licensenotify.adapter.lms;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class LmsSettingsTest {
    private static final URI LMS = URI.create("https://courses.example.com/");

    @Test
    void defaultsAskForFullPagesWithBoundedRetriesAndTheTokenEndpointUnderTheLmsRoot() {
        LmsSettings settings = LmsSettings.of(LMS, "client", "secret");

        assertThat(settings.baseUrl()).isEqualTo(URI.create("https://courses.example.com"));
        assertThat(settings.tokenUrl()).isEqualTo(URI.create("https://courses.example.com/oauth2/access_token"));
        assertThat(settings.pageSize()).isEqualTo(100);
        assertThat(settings.maxPages()).isEqualTo(1000);
        assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.readTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.maxAttempts()).isEqualTo(4);
        assertThat(settings.initialBackoff()).isEqualTo(Duration.ofMillis(500));
        assertThat(settings.maxBackoff()).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.tokenRefreshMargin()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void anExplicitTokenUrlWins() {
        URI token = URI.create("https://auth.example.com/oauth2/access_token");

        assertThat(LmsSettings.builder(LMS, "client", "secret").tokenUrl(token).build().tokenUrl()).isEqualTo(token);
    }

    @Test
    void aPageSizeAboveTheLmsCapIsRefused() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> LmsSettings.builder(LMS, "client", "secret").pageSize(101).build())
                .withMessageContaining("101");
    }

    @Test
    void aMissingSecretIsRefusedWithoutEchoingAnything() {
        assertThatIllegalArgumentException().isThrownBy(() -> LmsSettings.of(LMS, "client", " "))
                .withMessageContaining("client secret is missing");
    }

    @Test
    void aRelativeOrQueriedBaseUrlIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> LmsSettings.of(URI.create("courses"), "c", "s"));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> LmsSettings.of(URI.create("https://lms.example.com/?x=1"), "c", "s"));
    }

    @Test
    void zeroAttemptsAndAMaxBackoffBelowTheInitialAreRefused() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> LmsSettings.builder(LMS, "c", "s").maxAttempts(0).build());
        assertThatIllegalArgumentException().isThrownBy(() -> LmsSettings.builder(LMS, "c", "s")
                .backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)).build());
    }
}
