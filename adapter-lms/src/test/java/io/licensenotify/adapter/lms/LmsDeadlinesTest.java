package io.licensenotify.adapter.lms;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.licensenotify.ports.out.AdminLookupException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;

import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.licensenotify.adapter.lms.Lms.ENTERPRISE;
import static io.licensenotify.adapter.lms.Lms.LEARNERS;
import static io.licensenotify.adapter.lms.Lms.TOKEN;
import static io.licensenotify.adapter.lms.Lms.admin;
import static io.licensenotify.adapter.lms.Lms.firstPage;
import static io.licensenotify.adapter.lms.Lms.pageJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** {@code lms.timeout.read} bounds the whole answer, body included, and a page has a size limit. */
class LmsDeadlinesTest {
    /** Without gzip, so that each dribbled chunk leaves at once instead of waiting in the compressor. */
    @RegisterExtension
    static WireMockExtension lms = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().gzipDisabled(true)).build();

    @BeforeEach
    void lmsWithAToken() {
        Lms.stubToken(lms);
    }

    @Test
    void aBodyThatTricklesAfterItsHeadersEndsWithinTheTimeoutsAsATransientFailureAndIsRetried() {
        // the headers at once, then a few bytes every 250 ms for 40 s: no single read waits long, the whole does
        lms.stubFor(firstPage(ENTERPRISE, TOKEN).willReturn(okJson(pageJson(null, admin(11, 101)))
                .withChunkedDribbleDelay(160, 40_000)));
        LmsAdmins admins = new LmsAdmins(Lms.settings(lms).maxAttempts(2)
                .connectTimeout(Duration.ofSeconds(1)).readTimeout(Duration.ofSeconds(1)).build());

        AdminLookupException e = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> lookupFails(admins));

        assertThat(e.isTransient()).isTrue();
        assertThat(e.isRunWide()).isFalse();
        assertThat(e.getMessage()).contains(ENTERPRISE.uuid().toString()).contains("timed out");
        lms.verify(exactly(2), getRequestedFor(urlPathEqualTo(LEARNERS)));
    }

    @Test
    void aPageLongerThanTheLimitFailsItsEnterpriseOnceWithoutRetrying() {
        lms.stubFor(firstPage(ENTERPRISE, TOKEN).willReturn(okJson(pageJson(null, admins(200)))));
        LmsAdmins admins = new LmsAdmins(Lms.settings(lms).maxPageBytes(16 * 1024).build());

        AdminLookupException e = lookupFails(admins);

        assertThat(e.isTransient()).isFalse();
        assertThat(e.getMessage()).contains(ENTERPRISE.uuid().toString()).contains("16384 bytes");
        lms.verify(exactly(1), getRequestedFor(urlPathEqualTo(LEARNERS)));
    }

    @Test
    void theLimitIsEnforcedWhileReadingAChunkedPageNotAfterBufferingIt() {
        // no Content-Length, and the body takes 30 s to arrive: only a limit counted while reading stops it early
        lms.stubFor(firstPage(ENTERPRISE, TOKEN).willReturn(okJson(pageJson(null, admins(400)))
                .withChunkedDribbleDelay(300, 30_000)));
        LmsAdmins admins = new LmsAdmins(Lms.settings(lms).maxPageBytes(4 * 1024)
                .readTimeout(Duration.ofSeconds(60)).build());

        AdminLookupException e = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> lookupFails(admins));

        assertThat(e.getMessage()).contains("longer than 4096 bytes");
        assertThat(e.isTransient()).isFalse();
    }

    @Test
    void aPageJustUnderTheLimitIsRead() {
        String page = pageJson(null, admins(10));
        lms.stubFor(firstPage(ENTERPRISE, TOKEN).willReturn(okJson(page)));
        LmsAdmins admins = new LmsAdmins(Lms.settings(lms).maxPageBytes(page.length() + 1).build());

        assertThat(admins.of(ENTERPRISE).admins()).hasSize(10);
    }

    private static String[] admins(int n) {
        String[] rows = new String[n];
        for (int i = 0; i < n; i++) rows[i] = admin(11 + i, 101 + i);
        return rows;
    }

    private static AdminLookupException lookupFails(LmsAdmins admins) {
        AdminLookupException e = catchThrowableOfType(AdminLookupException.class, () -> admins.of(ENTERPRISE));
        assertThat(e).as("an AdminLookupException").isNotNull();
        assertThat(e.enterprise()).isEqualTo(ENTERPRISE.uuid());
        return e;
    }
}
