package io.licensenotify.adapter.lms;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Where a page's {@code next} link may lead. The link is resolved first, against the page that gave
 * it, as any client would; the result must then have the configured LMS's scheme, host and port, no user info, and
 * the enterprise-learner endpoint's path. Checking the parts before resolving is what let a path starting with
 * {@code //} (a new authority once re-resolved) or a host {@link URI} cannot parse carry the token elsewhere.
 *
 * <p>So the LMS must write its links with its public URL: behind a proxy that means Django's
 * {@code SECURE_PROXY_SSL_HEADER} and {@code USE_X_FORWARDED_HOST}, which Open edX sets.
 */
final class NextLink {
    private NextLink() {
    }

    /**
     * @param lms  {@code lms.base-url}
     * @param page the URL of the page that gave the link
     * @param link the page's {@code next}, as the LMS wrote it
     * @return the URL of the next page, to be asked with the token
     * @throws LmsCallFailure when the link leads anywhere else: the enterprise fails and nothing is sent
     */
    static URI of(URI lms, URI page, String link) {
        URI next;
        try {
            next = page.resolve(new URI(link.strip()));
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw refused(page, "is not a URL");
        }
        if (next.getRawUserInfo() != null) throw refused(page, "carries user info");
        if (next.getHost() == null) throw refused(page, "names no host that can be read");
        if (!lms.getScheme().equalsIgnoreCase(next.getScheme()))
            throw refused(page, "changes the scheme to " + next.getScheme().toLowerCase(Locale.ROOT));
        if (!lms.getHost().equalsIgnoreCase(next.getHost()))
            throw refused(page, "is on another host (" + next.getHost() + ")");
        if (port(lms) != port(next)) throw refused(page, "is on another port (" + port(next) + ")");
        if (!endpoint(lms).equals(next.getRawPath()))
            throw refused(page, "leads away from " + LmsApi.LEARNERS_PATH);
        return next;
    }

    /** The path of the admins' endpoint under the LMS root, as the first page is asked. */
    static String endpoint(URI lms) {
        return (lms.getRawPath() == null ? "" : lms.getRawPath()) + LmsApi.LEARNERS_PATH;
    }

    private static int port(URI url) {
        if (url.getPort() != -1) return url.getPort();
        return "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
    }

    private static LmsCallFailure refused(URI page, String why) {
        return new LmsCallFailure(page.getRawPath(), 0, false,
                "the next page link " + why + "; the token is not sent there", null);
    }
}
