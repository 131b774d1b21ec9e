package io.licensenotify.adapter.lms;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.licensenotify.domain.Enterprise;
import io.licensenotify.ports.out.AdminLookupException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.unauthorized;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.licensenotify.adapter.lms.Lms.ENTERPRISE;
import static io.licensenotify.adapter.lms.Lms.LEARNERS;
import static io.licensenotify.adapter.lms.Lms.OTHER_TOKEN;
import static io.licensenotify.adapter.lms.Lms.TOKEN;
import static io.licensenotify.adapter.lms.Lms.TOKEN_PATH;
import static io.licensenotify.adapter.lms.Lms.admin;
import static io.licensenotify.adapter.lms.Lms.firstPage;
import static io.licensenotify.adapter.lms.Lms.pageJson;
import static io.licensenotify.adapter.lms.Lms.token;
import static io.licensenotify.adapter.lms.Lms.tokenRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class LmsTokenTest {
    @RegisterExtension
    static WireMockExtension lms = Lms.server();

    private final Lms.MovableClock clock = new Lms.MovableClock();

    @Test
    void fiftyEnterprisesLookedUpConcurrentlyShareOneToken() throws Exception {
        // a slow token endpoint, so that the lookups really wait for the same token
        lms.stubFor(tokenRequest().willReturn(token(TOKEN, 3600).withFixedDelay(300)));
        LmsAdmins admins = new LmsAdmins(Lms.settings(lms).build(), clock);
        ExecutorService workers = Executors.newFixedThreadPool(16);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> lookups = new ArrayList<>();
        try {
            for (int i = 0; i < 50; i++) {
                Enterprise enterprise = Enterprise.of(UUID.randomUUID(), "enterprise " + i, null);
                lms.stubFor(firstPage(enterprise, TOKEN)
                        .willReturn(okJson(pageJson(null, admin(enterprise, 11, 101)))));
                lookups.add(workers.submit(() -> {
                    start.await();
                    return admins.of(enterprise).admins().size();
                }));
            }
            start.countDown();
            for (Future<Integer> lookup : lookups) assertThat(lookup.get(30, TimeUnit.SECONDS)).isEqualTo(1);
        } finally {
            workers.shutdownNow();
        }

        lms.verify(exactly(1), postRequestedFor(urlPathEqualTo(TOKEN_PATH)));
        lms.verify(exactly(50), getRequestedFor(urlPathEqualTo(LEARNERS)));
    }

    @Test
    void aTokenServesUntilItsRefreshMarginAndIsThenRenewed() {
        stubTwoTokens(3600);
        lms.stubFor(get(urlPathEqualTo(LEARNERS)).willReturn(okJson(pageJson(null, admin(11, 101)))));
        LmsAdmins admins = new LmsAdmins(Lms.settings(lms).tokenRefreshMargin(Duration.ofSeconds(60)).build(), clock);

        admins.of(ENTERPRISE).admins();
        clock.advance(Duration.ofSeconds(3539));
        admins.of(ENTERPRISE).admins();
        lms.verify(exactly(1), postRequestedFor(urlPathEqualTo(TOKEN_PATH)));

        clock.advance(Duration.ofSeconds(2)); // now 59 s before the expiry: inside the margin
        admins.of(ENTERPRISE).admins();

        lms.verify(exactly(2), postRequestedFor(urlPathEqualTo(TOKEN_PATH)));
        lms.verify(exactly(2), getRequestedFor(urlPathEqualTo(LEARNERS)).withHeader("Authorization", equalTo("JWT " + TOKEN)));
        lms.verify(exactly(1), getRequestedFor(urlPathEqualTo(LEARNERS))
                .withHeader("Authorization", equalTo("JWT " + OTHER_TOKEN)));
    }

    @Test
    void aShortLivedTokenIsStillReusedForHalfItsLife() {
        stubTwoTokens(10); // shorter than the 60 s margin: renewed after half its life instead of on every call
        lms.stubFor(get(urlPathEqualTo(LEARNERS)).willReturn(okJson(pageJson(null, admin(11, 101)))));
        LmsAdmins admins = new LmsAdmins(Lms.settings(lms).build(), clock);

        admins.of(ENTERPRISE).admins();
        clock.advance(Duration.ofSeconds(4));
        admins.of(ENTERPRISE).admins();
        lms.verify(exactly(1), postRequestedFor(urlPathEqualTo(TOKEN_PATH)));

        clock.advance(Duration.ofSeconds(1));
        admins.of(ENTERPRISE).admins();
        lms.verify(exactly(2), postRequestedFor(urlPathEqualTo(TOKEN_PATH)));
    }

    @Test
    void aRefusedTokenIsRenewedOnceAndTheRequestRepeated() {
        stubTwoTokens(3600);
        lms.stubFor(firstPage(ENTERPRISE, TOKEN).willReturn(unauthorized()));
        lms.stubFor(firstPage(ENTERPRISE, OTHER_TOKEN).willReturn(okJson(pageJson(null, admin(11, 101)))));
        LmsAdmins admins = new LmsAdmins(Lms.settings(lms).build(), clock);

        assertThat(admins.of(ENTERPRISE).admins()).hasSize(1);

        lms.verify(exactly(2), postRequestedFor(urlPathEqualTo(TOKEN_PATH)));
        lms.verify(exactly(2), getRequestedFor(urlPathEqualTo(LEARNERS)));
    }

    @Test
    void aSecondRefusalAfterRenewalIsAPermanentFailure() {
        stubTwoTokens(3600);
        lms.stubFor(get(urlPathEqualTo(LEARNERS)).willReturn(unauthorized()));
        LmsAdmins admins = new LmsAdmins(Lms.settings(lms).build(), clock);

        AdminLookupException e = catchThrowableOfType(AdminLookupException.class, () -> admins.of(ENTERPRISE).admins());

        assertThat(e.status()).isEqualTo(401);
        assertThat(e.isTransient()).isFalse();
        assertThat(e.getMessage()).contains(ENTERPRISE.uuid().toString()).contains(LEARNERS).contains("HTTP 401");
        lms.verify(exactly(2), postRequestedFor(urlPathEqualTo(TOKEN_PATH)));
        lms.verify(exactly(2), getRequestedFor(urlPathEqualTo(LEARNERS)));
    }

    @Test
    void refusedClientCredentialsFailAtOnceNamingTheTokenEndpoint() {
        lms.stubFor(tokenRequest().willReturn(aResponse().withStatus(401)
                .withBody("{\"error\":\"invalid_client\"}")));
        LmsAdmins admins = new LmsAdmins(Lms.settings(lms).build(), clock);

        AdminLookupException e = catchThrowableOfType(AdminLookupException.class, () -> admins.of(ENTERPRISE).admins());

        assertThat(e.path()).isEqualTo(TOKEN_PATH);
        assertThat(e.status()).isEqualTo(401);
        assertThat(e.isTransient()).isFalse();
        lms.verify(exactly(1), postRequestedFor(urlPathEqualTo(TOKEN_PATH)));
        lms.verify(exactly(0), getRequestedFor(urlPathEqualTo(LEARNERS)));
    }

    @Test
    void aTokenRequestIsRetriedOnAServerError() {
        lms.stubFor(tokenRequest().inScenario("token").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("up"));
        lms.stubFor(tokenRequest().inScenario("token").whenScenarioStateIs("up").willReturn(token(TOKEN, 3600)));
        lms.stubFor(firstPage(ENTERPRISE, TOKEN).willReturn(okJson(pageJson(null, admin(11, 101)))));
        LmsAdmins admins = new LmsAdmins(Lms.settings(lms).build(), clock);

        assertThat(admins.of(ENTERPRISE).admins()).hasSize(1);
        lms.verify(exactly(2), postRequestedFor(urlPathEqualTo(TOKEN_PATH)));
    }

    @Test
    void aTokenAnswerWithoutAnAccessTokenIsAClearError() {
        lms.stubFor(tokenRequest().willReturn(okJson("{\"token_type\":\"JWT\",\"expires_in\":3600}")));
        LmsAdmins admins = new LmsAdmins(Lms.settings(lms).build(), clock);

        AdminLookupException e = catchThrowableOfType(AdminLookupException.class, () -> admins.of(ENTERPRISE).admins());

        assertThat(e.path()).isEqualTo(TOKEN_PATH);
        assertThat(e.getMessage()).contains("access_token");
    }

    private void stubTwoTokens(long expiresIn) {
        lms.stubFor(tokenRequest().inScenario("tokens").whenScenarioStateIs(STARTED)
                .willReturn(token(TOKEN, expiresIn)).willSetStateTo("second"));
        lms.stubFor(tokenRequest().inScenario("tokens").whenScenarioStateIs("second")
                .willReturn(token(OTHER_TOKEN, expiresIn)));
    }
}
