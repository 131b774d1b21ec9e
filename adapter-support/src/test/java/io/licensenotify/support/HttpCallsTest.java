package io.licensenotify.support;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class HttpCallsTest {
    @Test
    void aBaseUrlLosesItsTrailingSlashes() {
        assertThat(HttpCalls.withoutTrailingSlash(URI.create("https://lms.example.com//"))).hasToString("https://lms.example.com");
        assertThat(HttpCalls.withoutTrailingSlash(URI.create("https://lms.example.com/sub"))).hasToString("https://lms.example.com/sub");
    }

    @Test
    void aCallLastsAtMostConnectAndReadTogetherAndFollowsNoRedirect() {
        var http = HttpCalls.deadlines(Duration.ofSeconds(2), Duration.ofSeconds(3)).build();
        assertThat(http.callTimeoutMillis()).isEqualTo(5_000);
        assertThat(http.readTimeoutMillis()).isEqualTo(3_000);
        assertThat(http.followRedirects()).isFalse();
        assertThat(http.followSslRedirects()).isFalse();
    }
}
