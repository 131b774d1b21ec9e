package io.licensenotify.adapter.lms;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.licensenotify.domain.Enterprise;
import io.licensenotify.ports.out.AdminLookupException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.ServerSocket;
import java.net.URI;
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
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.notFound;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.serviceUnavailable;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.licensenotify.adapter.lms.Lms.LEARNERS;
import static io.licensenotify.adapter.lms.Lms.TOKEN_PATH;
import static io.licensenotify.adapter.lms.Lms.tokenRequest;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An LMS that is down, or refuses the credentials, costs a bounded number of requests and a bounded
 * time, however many enterprises are left; the enterprises that are not asked fail with one shared reason.
 */
class LmsCircuitTest {
    @RegisterExtension
    static WireMockExtension lms = Lms.server();

    @Test
    void aTokenEndpointAnswering503ToTwoHundredLookupsOnEightThreadsIsAskedAFewTimesOnly() throws Exception {
        lms.stubFor(tokenRequest().willReturn(serviceUnavailable().withFixedDelay(20)));
        LmsAdmins admins = new LmsAdmins(Lms.settings(lms).build());

        List<AdminLookupException> failures = lookUpConcurrently(admins, 200, 8, Duration.ofSeconds(20));

        assertThat(failures).hasSize(200);
        assertThat(lms.countRequestsMatching(postRequestedFor(urlPathEqualTo(TOKEN_PATH)).build())
                .getCount()).isBetween(1, 30);
        lms.verify(exactly(0), getRequestedFor(urlPathEqualTo(LEARNERS)));
        assertThatTheRestFailedRunWideWithOneReason(failures, 150);
    }

    @Test
    void aTokenEndpointThatResetsConnectionsOpensTheCircuitToo() throws Exception {
        lms.stubFor(tokenRequest().willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        LmsAdmins admins = new LmsAdmins(Lms.settings(lms).build());

        List<AdminLookupException> failures = lookUpConcurrently(admins, 200, 4, Duration.ofSeconds(20));

        assertThat(lms.countRequestsMatching(anyRequestedFor(anyUrl()).build()).getCount()).isBetween(1, 30);
        assertThatTheRestFailedRunWideWithOneReason(failures, 150);
    }

    @Test
    void aTokenEndpointThatRefusesConnectionsEndsTheLookupsQuickly() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        LmsAdmins admins = new LmsAdmins(Lms.settings(lms)
                .tokenUrl(URI.create("http://127.0.0.1:" + closed + TOKEN_PATH)).build());

        List<AdminLookupException> failures = lookUpConcurrently(admins, 200, 8, Duration.ofSeconds(20));

        assertThat(failures).allSatisfy(e -> assertThat(e.isTransient()).isTrue());
        assertThatTheRestFailedRunWideWithOneReason(failures, 150);
        lms.verify(exactly(0), getRequestedFor(urlPathEqualTo(LEARNERS)));
    }

    @Test
    void refusedCredentialsEndLmsAccessForTheRunAfterOneTokenRequest() throws Exception {
        lms.stubFor(tokenRequest().willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json").withBody("{\"error\":\"invalid_client\"}")));
        LmsAdmins admins = new LmsAdmins(Lms.settings(lms).build());

        List<AdminLookupException> failures = lookUpConcurrently(admins, 100, 8, Duration.ofSeconds(20));

        lms.verify(exactly(1), postRequestedFor(urlPathEqualTo(TOKEN_PATH)));
        lms.verify(exactly(0), getRequestedFor(urlPathEqualTo(LEARNERS)));
        assertThat(failures).hasSize(100).allSatisfy(e -> {
            assertThat(e.isRunWide()).isTrue();
            assertThat(e.isTransient()).isFalse();
            assertThat(e.reason()).isEqualTo(failures.get(0).reason()).contains("credentials");
        });
    }

    @Test
    void aBadRequestSayingInvalidClientIsARefusalToo() {
        lms.stubFor(tokenRequest().willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\": \"invalid_client\", \"error_description\": \"Client authentication failed.\"}")));
        LmsAdmins admins = new LmsAdmins(Lms.settings(lms).build());

        for (int i = 0; i < 20; i++) {
            AdminLookupException e = lookupFails(admins, enterprise(i));
            assertThat(e.isRunWide()).isTrue();
        }
        lms.verify(exactly(1), postRequestedFor(urlPathEqualTo(TOKEN_PATH)));
    }

    @Test
    void anLmsApiFailingForConsecutiveEnterprisesOpensTheCircuitAndTheRestAreNotAsked() {
        Lms.stubToken(lms);
        lms.stubFor(get(urlPathEqualTo(LEARNERS)).willReturn(aResponse().withStatus(502)));
        LmsAdmins admins = new LmsAdmins(Lms.settings(lms).maxAttempts(2).circuitFailureThreshold(3).build());

        List<AdminLookupException> failures = new ArrayList<>();
        for (int i = 0; i < 30; i++) failures.add(lookupFails(admins, enterprise(i)));

        lms.verify(exactly(3 * 2), getRequestedFor(urlPathEqualTo(LEARNERS)));
        assertThat(failures.subList(0, 3)).allSatisfy(e -> assertThat(e.isRunWide()).isFalse());
        assertThatTheRestFailedRunWideWithOneReason(failures, 27);
        assertThat(failures.get(29).reason()).contains("3 enterprises in a row").contains("HTTP 502");
        assertThat(failures.get(29).getMessage()).contains(enterprise(29).uuid().toString());
    }

    @Test
    void failuresOfSingleEnterprisesDoNotOpenTheCircuit() {
        Lms.stubToken(lms);
        lms.stubFor(get(urlPathEqualTo(LEARNERS)).willReturn(notFound()));
        LmsAdmins admins = new LmsAdmins(Lms.settings(lms).circuitFailureThreshold(3).build());

        for (int i = 0; i < 20; i++) assertThat(lookupFails(admins, enterprise(i)).isRunWide()).isFalse();

        lms.verify(exactly(20), getRequestedFor(urlPathEqualTo(LEARNERS)));
    }

    @Test
    void threadsThatWaitForATokenShareTheFetchInFlightAndItsFailure() throws Exception {
        lms.stubFor(tokenRequest().willReturn(serviceUnavailable().withFixedDelay(500)));
        LmsAdmins admins = new LmsAdmins(Lms.settings(lms).maxAttempts(1).build());

        List<AdminLookupException> failures = lookUpConcurrently(admins, 8, 8, Duration.ofSeconds(10));

        lms.verify(exactly(1), postRequestedFor(urlPathEqualTo(TOKEN_PATH)));
        assertThat(failures).hasSize(8).allSatisfy(e -> assertThat(e.status()).isEqualTo(503));
    }

    private static void assertThatTheRestFailedRunWideWithOneReason(List<AdminLookupException> failures, int atLeast) {
        List<AdminLookupException> runWide = failures.stream().filter(AdminLookupException::isRunWide).toList();
        assertThat(runWide).as("lookups that failed without asking").hasSizeGreaterThanOrEqualTo(atLeast);
        assertThat(runWide).extracting(AdminLookupException::reason).containsOnly(runWide.get(0).reason());
        assertThat(runWide.get(0).reason()).doesNotContain(runWide.get(0).enterprise().toString());
    }

    /** Looks up {@code n} enterprises on {@code threads} threads; every lookup must fail, all within {@code limit}. */
    private static List<AdminLookupException> lookUpConcurrently(LmsAdmins admins, int n, int threads, Duration limit)
            throws Exception {
        ExecutorService workers = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<AdminLookupException>> lookups = new ArrayList<>();
        long began = System.nanoTime();
        try {
            for (int i = 0; i < n; i++) {
                Enterprise enterprise = enterprise(i);
                lookups.add(workers.submit(() -> {
                    start.await();
                    return lookupFails(admins, enterprise);
                }));
            }
            start.countDown();
            List<AdminLookupException> failures = new ArrayList<>();
            for (Future<AdminLookupException> lookup : lookups)
                failures.add(lookup.get(limit.toMillis(), TimeUnit.MILLISECONDS));
            assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(limit);
            return failures;
        } finally {
            workers.shutdownNow();
        }
    }

    private static Enterprise enterprise(int i) {
        return Enterprise.of(UUID.nameUUIDFromBytes(("enterprise " + i).getBytes()), "enterprise " + i, null);
    }

    private static AdminLookupException lookupFails(LmsAdmins admins, Enterprise enterprise) {
        try {
            admins.of(enterprise);
        } catch (AdminLookupException e) {
            assertThat(e.enterprise()).isEqualTo(enterprise.uuid());
            return e;
        }
        throw new AssertionError("the lookup of " + enterprise.uuid() + " succeeded");
    }
}
