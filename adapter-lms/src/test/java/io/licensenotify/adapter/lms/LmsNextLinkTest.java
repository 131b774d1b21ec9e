package io.licensenotify.adapter.lms;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.licensenotify.domain.Admin;
import io.licensenotify.ports.out.AdminLookupException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.licensenotify.adapter.lms.Lms.ENTERPRISE;
import static io.licensenotify.adapter.lms.Lms.LEARNERS;
import static io.licensenotify.adapter.lms.Lms.TOKEN;
import static io.licensenotify.adapter.lms.Lms.admin;
import static io.licensenotify.adapter.lms.Lms.firstPage;
import static io.licensenotify.adapter.lms.Lms.page;
import static io.licensenotify.adapter.lms.Lms.pageJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A {@code next} link is resolved first, then followed only to the configured LMS's scheme, host and
 * port (and its enterprise-learner endpoint). Each attack plays against a second server that must receive nothing:
 * the LMS is {@code localhost}, the other server {@code 127.0.0.1}, so that a host check alone tells them apart.
 */
class LmsNextLinkTest {
    @RegisterExtension
    static WireMockExtension lms = Lms.server();
    @RegisterExtension
    static WireMockExtension other = Lms.server();

    private LmsAdmins admins;

    @BeforeEach
    void lmsWithAToken() {
        Lms.stubToken(lms);
        admins = new LmsAdmins(Lms.settings(lms).build());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{lms}//{other}/steal?page=2",                       // the path starts a new authority once re-resolved
            "//{other}" + LEARNERS + "?page=2",                  // a network-path reference
            "{lms}\\@{other}/steal?page=2",                      // backslashes, which some parsers read as slashes
            "/\\{other}/steal?page=2",
            "http:\\\\{other}\\steal?page=2",
            "{lms}@{other}" + LEARNERS + "?page=2",              // userinfo: the LMS's address in front of another
            "http://lms@{other}" + LEARNERS + "?page=2",
            "http://evil_host.example//{other}/steal?page=2",    // a host java.net.URI cannot parse
            "{lms}/%2F%2F{other}/steal?page=2",                  // percent-encoded slashes
            "{lms}%2F%2F{other}/steal?page=2",
            "{lms}" + LEARNERS + "%2F..%2F..%2F..%2F..%2F..%2F%2F{other}/steal?page=2",
            "http://{other}" + LEARNERS + "?page=2",             // simply another host
            "https://{lmsAuthority}" + LEARNERS + "?page=2",     // another scheme on the LMS's own host and port
            "{lms}/oauth2/access_token?page=2",                  // the LMS's host, but not the admins' endpoint
    })
    void aNextLinkThatLeavesTheLmsFailsTheEnterpriseAndTheOtherServerReceivesNothing(String template) {
        String next = template.replace("{lms}", lms.baseUrl())
                .replace("{lmsAuthority}", "localhost:" + lms.getPort())
                .replace("{other}", "127.0.0.1:" + other.getPort());
        lms.stubFor(firstPage(ENTERPRISE, TOKEN).willReturn(okJson(pageJson(json(next), admin(11, 101)))));

        AdminLookupException e = catchThrowableOfType(AdminLookupException.class, () -> admins.of(ENTERPRISE));

        other.verify(exactly(0), anyRequestedFor(anyUrl()));
        lms.verify(exactly(1), getRequestedFor(anyUrl()));
        assertThat(e).as("a failure for " + next).isNotNull();
        assertThat(e.enterprise()).isEqualTo(ENTERPRISE.uuid());
        assertThat(e.isRunWide()).isFalse();
        assertThat(e.isTransient()).isFalse();
        assertThat(e.getMessage()).contains("next page").doesNotContain(TOKEN);
    }

    @Test
    void relativeAndAbsoluteLinksOnTheLmsAreFollowed() {
        lms.stubFor(firstPage(ENTERPRISE, TOKEN).willReturn(okJson(pageJson(
                "?enterprise_customer_uuid=" + ENTERPRISE.uuid() + "&page=2", admin(11, 101)))));
        lms.stubFor(page(ENTERPRISE, 2).willReturn(okJson(pageJson(
                LEARNERS + "?enterprise_customer_uuid=" + ENTERPRISE.uuid() + "&page=3", admin(12, 102)))));
        lms.stubFor(page(ENTERPRISE, 3).willReturn(okJson(pageJson(
                lms.baseUrl() + LEARNERS + "?enterprise_customer_uuid=" + ENTERPRISE.uuid() + "&page=4",
                admin(13, 103)))));
        lms.stubFor(page(ENTERPRISE, 4).willReturn(okJson(pageJson(null, admin(14, 104)))));

        assertThat(admins.of(ENTERPRISE).admins()).extracting(Admin::ecuId).containsExactly(11L, 12L, 13L, 14L);
        lms.verify(exactly(4), getRequestedFor(urlPathEqualTo(LEARNERS)));
    }

    /** The link as JSON writes it: a backslash escaped. */
    private static String json(String link) {
        return link.replace("\\", "\\\\");
    }
}
