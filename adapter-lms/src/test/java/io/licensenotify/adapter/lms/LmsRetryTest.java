package io.licensenotify.adapter.lms;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.licensenotify.ports.out.AdminLookupException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.notFound;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.serverError;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.licensenotify.adapter.lms.Lms.ENTERPRISE;
import static io.licensenotify.adapter.lms.Lms.LEARNERS;
import static io.licensenotify.adapter.lms.Lms.TOKEN;
import static io.licensenotify.adapter.lms.Lms.admin;
import static io.licensenotify.adapter.lms.Lms.firstPage;
import static io.licensenotify.adapter.lms.Lms.pageJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class LmsRetryTest {
    @RegisterExtension
    static WireMockExtension lms = Lms.server();

    private final List<Duration> waits = new CopyOnWriteArrayList<>();

    @BeforeEach
    void lmsWithAToken() {
        Lms.stubToken(lms);
    }

    @Test
    void twoServerErrorsAreRetriedUntilTheAnswerComes() {
        failTwiceThen(serverError(), serverError());

        assertThat(admins(Lms.settings(lms)).of(ENTERPRISE).admins()).hasSize(1);

        lms.verify(exactly(3), getRequestedFor(urlPathEqualTo(LEARNERS)));
        assertThat(waits).hasSize(2).allSatisfy(wait -> assertThat(wait).isBetween(Duration.ZERO, Duration.ofMillis(5)));
    }

    @Test
    void aServerErrorThatPersistsIsATransientFailureAfterTheConfiguredAttempts() {
        lms.stubFor(firstPage(ENTERPRISE, TOKEN).willReturn(aResponse().withStatus(502)
                .withBody("<html>bad gateway</html>")));

        AdminLookupException e = lookupFails(admins(Lms.settings(lms).maxAttempts(3)));

        assertThat(e.isTransient()).isTrue();
        assertThat(e.status()).isEqualTo(502);
        assertThat(e.path()).isEqualTo(LEARNERS);
        assertThat(e.getMessage()).contains(ENTERPRISE.uuid().toString()).contains(LEARNERS).contains("HTTP 502")
                .doesNotContain("?").doesNotContain("bad gateway");
        lms.verify(exactly(3), getRequestedFor(urlPathEqualTo(LEARNERS)));
    }

    @Test
    void notFoundIsAPermanentFailureAfterOneRequest() {
        lms.stubFor(firstPage(ENTERPRISE, TOKEN).willReturn(notFound()));

        AdminLookupException e = lookupFails(admins(Lms.settings(lms)));

        assertThat(e.isTransient()).isFalse();
        assertThat(e.status()).isEqualTo(404);
        lms.verify(exactly(1), getRequestedFor(urlPathEqualTo(LEARNERS)));
        assertThat(waits).isEmpty();
    }

    @Test
    void aForbiddenAnswerSaysTheServiceUserMustBeStaff() {
        lms.stubFor(firstPage(ENTERPRISE, TOKEN).willReturn(aResponse().withStatus(403)));

        AdminLookupException e = lookupFails(admins(Lms.settings(lms)));

        assertThat(e.getMessage()).contains("HTTP 403").contains("staff");
        lms.verify(exactly(1), getRequestedFor(urlPathEqualTo(LEARNERS)));
    }

    @Test
    void aReadTimeoutIsRetried() {
        lms.stubFor(firstPage(ENTERPRISE, TOKEN).inScenario("slow").whenScenarioStateIs(STARTED)
                .willReturn(okJson(pageJson(null, admin(11, 101))).withFixedDelay(1500)).willSetStateTo("fast"));
        lms.stubFor(firstPage(ENTERPRISE, TOKEN).inScenario("slow").whenScenarioStateIs("fast")
                .willReturn(okJson(pageJson(null, admin(11, 101)))));

        assertThat(admins(Lms.settings(lms).readTimeout(Duration.ofMillis(300))).of(ENTERPRISE).admins()).hasSize(1);

        lms.verify(exactly(2), getRequestedFor(urlPathEqualTo(LEARNERS)));
        assertThat(waits).hasSize(1);
    }

    @Test
    void aReadTimeoutOnEveryAttemptIsATransientFailureWithoutStatus() {
        lms.stubFor(firstPage(ENTERPRISE, TOKEN).willReturn(okJson(pageJson(null)).withFixedDelay(1000)));

        AdminLookupException e = lookupFails(admins(Lms.settings(lms).maxAttempts(2)
                .readTimeout(Duration.ofMillis(200))));

        assertThat(e.isTransient()).isTrue();
        assertThat(e.status()).isZero();
        assertThat(e.getMessage()).contains("timed out");
        lms.verify(exactly(2), getRequestedFor(urlPathEqualTo(LEARNERS)));
    }

    @Test
    void anLmsThatIsNotListeningIsATransientFailure() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        LmsAdmins admins = new LmsAdmins(LmsSettings.builder(URI.create("http://localhost:" + closedPort),
                Lms.CLIENT_ID, Lms.SECRET).maxAttempts(2).backoff(Duration.ofMillis(1), Duration.ofMillis(2)).build());

        AdminLookupException e = lookupFails(admins);

        assertThat(e.isTransient()).isTrue();
        assertThat(e.status()).isZero();
        assertThat(e.path()).isEqualTo("/oauth2/access_token");
    }

    @Test
    void tooManyRequestsWaitsAsLongAsRetryAfterSays() {
        failTwiceThen(aResponse().withStatus(429).withHeader("Retry-After", "1"), serverError());

        assertThat(admins(Lms.settings(lms).backoff(Duration.ofMillis(1), Duration.ofSeconds(2))).of(ENTERPRISE).admins())
                .hasSize(1);

        assertThat(waits.get(0)).isEqualTo(Duration.ofSeconds(1));
        assertThat(waits.get(1)).isLessThan(Duration.ofMillis(100)); // no Retry-After: the backoff again
    }

    @Test
    void aRetryAfterLongerThanTheMaxBackoffWaitsOnlyTheMaxBackoff() {
        failTwiceThen(aResponse().withStatus(503).withHeader("Retry-After", "120"),
                aResponse().withStatus(429).withHeader("retry-after", "3600"));

        assertThat(admins(Lms.settings(lms).backoff(Duration.ofMillis(1), Duration.ofMillis(20))).of(ENTERPRISE).admins())
                .hasSize(1);

        assertThat(waits).containsExactly(Duration.ofMillis(20), Duration.ofMillis(20));
    }

    @Test
    void tooManyRequestsThatPersistIsATransientFailure() {
        lms.stubFor(firstPage(ENTERPRISE, TOKEN).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "0")));

        AdminLookupException e = lookupFails(admins(Lms.settings(lms).maxAttempts(2)));

        assertThat(e.isTransient()).isTrue();
        assertThat(e.status()).isEqualTo(429);
        assertThat(e.getMessage()).contains("rate limited");
        lms.verify(exactly(2), getRequestedFor(urlPathEqualTo(LEARNERS)));
    }

    private void failTwiceThen(com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder first,
                               com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder second) {
        lms.stubFor(firstPage(ENTERPRISE, TOKEN).inScenario("flaky").whenScenarioStateIs(STARTED)
                .willReturn(first).willSetStateTo("failed once"));
        lms.stubFor(firstPage(ENTERPRISE, TOKEN).inScenario("flaky").whenScenarioStateIs("failed once")
                .willReturn(second).willSetStateTo("failed twice"));
        lms.stubFor(firstPage(ENTERPRISE, TOKEN).inScenario("flaky").whenScenarioStateIs("failed twice")
                .willReturn(okJson(pageJson(null, admin(11, 101)))));
    }

    private LmsAdmins admins(LmsSettings.Builder settings) {
        LmsAdmins admins = new LmsAdmins(settings.build());
        admins.retry().getEventPublisher().onRetry(event -> waits.add(event.getWaitInterval()));
        return admins;
    }

    private static AdminLookupException lookupFails(LmsAdmins admins) {
        AdminLookupException e = catchThrowableOfType(AdminLookupException.class, () -> admins.of(ENTERPRISE).admins());
        assertThat(e).as("an AdminLookupException").isNotNull();
        assertThat(e.enterprise()).isEqualTo(ENTERPRISE.uuid());
        return e;
    }
}
