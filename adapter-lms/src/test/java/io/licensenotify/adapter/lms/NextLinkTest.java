package io.licensenotify.adapter.lms;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code next} rule alone, for what no second server on this machine can play: a TLS LMS and a plain-http
 * server on the same host and port. The other attacks are played against a real second server in
 * {@link LmsNextLinkTest}.
 */
class NextLinkTest {
    private static final URI LMS = URI.create("https://lms.example.com:8443");
    private static final URI FIRST_PAGE = URI.create("https://lms.example.com:8443" + LmsApi.LEARNERS_PATH
            + "?enterprise_customer_uuid=5f1c7d7e-3a4b-4c8d-9e0f-112233445566&page_size=100");

    @Test
    void aDowngradeToPlainHttpOnTheSameHostAndPortIsRefused() {
        assertThat(refusal("http://lms.example.com:8443" + LmsApi.LEARNERS_PATH + "?page=2")).get().asString()
                .contains("scheme");
    }

    @Test
    void theDefaultPortWrittenOutOrLeftOutIsTheSamePort() {
        URI lms = URI.create("https://lms.example.com");
        URI first = lms.resolve(LmsApi.LEARNERS_PATH);

        assertThat(NextLink.of(lms, first, "https://LMS.example.com:443" + LmsApi.LEARNERS_PATH + "?page=2"))
                .isEqualTo(URI.create("https://LMS.example.com:443" + LmsApi.LEARNERS_PATH + "?page=2"));
    }

    @Test
    void aLinkOnTheLmsIsResolvedAgainstThePageThatGaveIt() {
        assertThat(NextLink.of(LMS, FIRST_PAGE, "?page=2"))
                .isEqualTo(URI.create("https://lms.example.com:8443" + LmsApi.LEARNERS_PATH + "?page=2"));
    }

    private static Optional<String> refusal(String link) {
        try {
            NextLink.of(LMS, FIRST_PAGE, link);
            return Optional.empty();
        } catch (LmsCallFailure refused) {
            return Optional.of(refused.getMessage());
        }
    }
}
