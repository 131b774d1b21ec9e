package io.licensenotify.adapter.lms;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.licensenotify.domain.Admin;
import io.licensenotify.ports.out.AdminLookupException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.licensenotify.adapter.lms.Lms.ENTERPRISE;
import static io.licensenotify.adapter.lms.Lms.LEARNERS;
import static io.licensenotify.adapter.lms.Lms.TOKEN;
import static io.licensenotify.adapter.lms.Lms.admin;
import static io.licensenotify.adapter.lms.Lms.firstPage;
import static io.licensenotify.adapter.lms.Lms.learner;
import static io.licensenotify.adapter.lms.Lms.link;
import static io.licensenotify.adapter.lms.Lms.page;
import static io.licensenotify.adapter.lms.Lms.pageJson;
import static io.licensenotify.adapter.lms.Lms.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class LmsAdminsTest {
    @RegisterExtension
    static WireMockExtension lms = Lms.server();

    private LmsAdmins admins;

    @BeforeEach
    void lmsWithAToken() {
        Lms.stubToken(lms);
        admins = new LmsAdmins(Lms.settings(lms).build());
    }

    @Test
    void followsNextOverThreePagesInUserIdOrderWithTheJwt() {
        lms.stubFor(firstPage(ENTERPRISE, TOKEN).withQueryParam("page_size", equalTo("2"))
                .willReturn(okJson(pageJson(link(lms, ENTERPRISE, 2), admin(11, 101), admin(12, 102)))));
        lms.stubFor(page(ENTERPRISE, 2)
                .willReturn(okJson(pageJson(link(lms, ENTERPRISE, 3), admin(13, 103), admin(14, 104)))));
        lms.stubFor(page(ENTERPRISE, 3).willReturn(okJson(pageJson(null, admin(15, 105)))));

        List<Admin> found = admins.of(ENTERPRISE).admins();

        assertThat(found).extracting(Admin::ecuId).containsExactly(11L, 12L, 13L, 14L, 15L);
        lms.verify(exactly(3), getRequestedFor(urlPathEqualTo(LEARNERS))
                .withQueryParam("page_size", equalTo("2"))
                .withQueryParam("ordering", equalTo("user_id"))
                .withQueryParam("role", equalTo("enterprise_admin"))
                .withHeader("Authorization", equalTo("JWT " + TOKEN)));
    }

    @Test
    void listsAnEcuThatTwoPagesRepeatOnlyOnce() {
        lms.stubFor(firstPage(ENTERPRISE, TOKEN)
                .willReturn(okJson(pageJson(link(lms, ENTERPRISE, 2), admin(11, 101), admin(12, 102)))));
        lms.stubFor(page(ENTERPRISE, 2).willReturn(okJson(pageJson(null, admin(12, 102), admin(13, 103)))));

        assertThat(admins.of(ENTERPRISE).admins()).extracting(Admin::ecuId).containsExactly(11L, 12L, 13L);
    }

    @Test
    void mapsAnAdminWithItsActivationFromTheEcuCreation() {
        stubOnePage(admin(11, 101));

        Admin admin = admins.of(ENTERPRISE).admins().get(0);

        assertThat(admin.ecuId()).isEqualTo(11);
        assertThat(admin.lmsUserId()).contains(101L);
        assertThat(admin.username()).isEqualTo("user101");
        assertThat(admin.firstName()).isEqualTo("First101");
        assertThat(admin.email()).isEqualTo("user101@example.com");
        assertThat(admin.active()).isTrue();
        assertThat(admin.activatedAt()).contains(Instant.parse("2024-03-01T10:15:30.123456Z"));
    }

    @Test
    void anAdminIsInactiveWhenItsUserOrItsEcuIsInactive() {
        stubOnePage(
                learner(11, "\"active\":true,\"created\":\"2024-03-01T10:15:30Z\"",
                        user(101, ",\"is_active\":false")),
                learner(12, "\"active\":false,\"created\":\"2024-03-01T10:15:30Z\"", user(102, "")),
                learner(13, "\"active\":true,\"created\":\"2024-03-01T10:15:30Z\"", user(103, ",\"email\":null")));

        assertThat(admins.of(ENTERPRISE).admins()).extracting(Admin::ecuId, Admin::active)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(11L, false),
                        org.assertj.core.groups.Tuple.tuple(12L, false),
                        org.assertj.core.groups.Tuple.tuple(13L, true));
    }

    @Test
    void anEcuWithANullUserComesBackWithoutAUserIdSoTheRulesSkipIt() {
        stubOnePage(learner(11, "\"active\":true,\"created\":\"2024-03-01T10:15:30Z\"", "null"));

        Admin admin = admins.of(ENTERPRISE).admins().get(0);

        assertThat(admin.lmsUserId()).isEqualTo(Optional.empty());
        assertThat(admin.email()).isEmpty();
        assertThat(admin.active()).isTrue();
    }

    @Test
    void malformedJsonIsAPermanentErrorNamingTheEnterpriseWithoutTheBody() {
        lms.stubFor(firstPage(ENTERPRISE, TOKEN)
                .willReturn(okJson("{\"results\":[{\"id\":11,\"user\":{\"email\":\"leak@example.com\"")));

        AdminLookupException e = lookupFails();

        assertThat(e.isTransient()).isFalse();
        assertThat(e.getMessage()).contains(ENTERPRISE.uuid().toString()).contains("malformed JSON")
                .doesNotContain("leak@example.com");
        assertThat(e.getCause()).isNull();
        lms.verify(exactly(1), getRequestedFor(urlPathEqualTo(LEARNERS)));
    }

    @Test
    void aPageWithoutResultsIsAClearError() {
        lms.stubFor(firstPage(ENTERPRISE, TOKEN).willReturn(okJson("{\"detail\":\"ok\"}")));

        assertThat(lookupFails().getMessage()).contains("'results'");
    }

    @Test
    void aNextLinkThatRepeatsStopsInsteadOfLooping() {
        lms.stubFor(firstPage(ENTERPRISE, TOKEN)
                .willReturn(okJson(pageJson(link(lms, ENTERPRISE, 2), admin(11, 101)))));
        lms.stubFor(page(ENTERPRISE, 2).willReturn(okJson(pageJson(link(lms, ENTERPRISE, 2), admin(12, 102)))));

        AdminLookupException e = lookupFails();

        assertThat(e.isTransient()).isFalse();
        assertThat(e.getMessage()).contains(ENTERPRISE.uuid().toString()).contains("same next page twice");
        lms.verify(exactly(2), getRequestedFor(urlPathEqualTo(LEARNERS)));
    }

    @Test
    void morePagesThanTheMaximumStop() {
        admins = new LmsAdmins(Lms.settings(lms).maxPages(3).build());
        lms.stubFor(firstPage(ENTERPRISE, TOKEN)
                .willReturn(okJson(pageJson(link(lms, ENTERPRISE, 2), admin(11, 101)))));
        for (int n = 2; n <= 5; n++)
            lms.stubFor(page(ENTERPRISE, n)
                    .willReturn(okJson(pageJson(link(lms, ENTERPRISE, n + 1), admin(10 + n, 100 + n)))));

        AdminLookupException e = lookupFails();

        assertThat(e.getMessage()).contains("more than 3 pages");
        lms.verify(exactly(3), getRequestedFor(urlPathEqualTo(LEARNERS)));
    }

    @Test
    void anEnterpriseWithoutAdminsHasAnEmptyList() {
        stubOnePage();

        assertThat(admins.of(ENTERPRISE).admins()).isEmpty();
    }

    private void stubOnePage(String... results) {
        lms.stubFor(firstPage(ENTERPRISE, TOKEN).willReturn(okJson(pageJson(null, results))));
    }

    private AdminLookupException lookupFails() {
        AdminLookupException e = catchThrowableOfType(AdminLookupException.class, () -> admins.of(ENTERPRISE).admins());
        assertThat(e).as("an AdminLookupException").isNotNull();
        assertThat(e.enterprise()).isEqualTo(ENTERPRISE.uuid());
        return e;
    }
}
