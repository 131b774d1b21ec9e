package io.licensenotify.adapter.lms;

import io.licensenotify.support.Backoff;
import io.licensenotify.support.Durations;
import io.licensenotify.support.HttpCalls;
import io.licensenotify.text.SafeText;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How to reach the LMS enterprise-learner API and its OAuth2 token endpoint.
 *
 * <p>The LMS applies the enterprise and role filters only for a staff service user, so the OAuth2 client must
 * belong to a user with {@code is_staff}.
 *
 * @param baseUrl            the LMS root, e.g. {@code https://courses.example.com} (config {@code lms.base-url})
 * @param tokenUrl           the OAuth2 token endpoint (config {@code lms.oauth.token-url}, by default
 *                           {@code <baseUrl>/oauth2/access_token})
 * @param clientId           the OAuth2 client id of the staff service user
 * @param clientSecret       its secret; never printed by {@link #toString()}
 * @param pageSize           admins per page, 1 to 100 (the LMS caps it at 100)
 * @param maxPages           more pages than this for one enterprise is an error, not a loop
 * @param connectTimeout     for opening a connection
 * @param readTimeout        for one whole response, body included: a request ends at the latest
 *                           {@code connectTimeout + readTimeout} after it started, however slowly the answer trickles
 * @param maxAttempts        attempts per request including the first, for transient failures (timeouts, 5xx, 429)
 * @param initialBackoff     the first wait between attempts; it doubles, with jitter, up to {@code maxBackoff}
 *                           (see {@link Backoff})
 * @param maxBackoff         the longest wait between attempts, also the cap on an LMS {@code Retry-After}
 * @param tokenRefreshMargin the token is renewed this long before it expires
 * @param maxPageBytes       a page (or token answer) longer than this many bytes fails that enterprise; enforced
 *                           while reading, so no more than this is ever held
 * @param circuitFailureThreshold after this many enterprises in a row failed because of the LMS (its token endpoint,
 *                           timeouts, 5xx, 429, 401, 403), every later lookup of the run fails at once, with no request
 */
public record LmsSettings(URI baseUrl, URI tokenUrl, String clientId, String clientSecret, int pageSize,
                          int maxPages, Duration connectTimeout, Duration readTimeout, int maxAttempts,
                          Duration initialBackoff, Duration maxBackoff, Duration tokenRefreshMargin,
                          long maxPageBytes, int circuitFailureThreshold) {

    /** Where the LMS serves its OAuth2 token endpoint by default, under its root. */
    public static final String DEFAULT_TOKEN_PATH = "/oauth2/access_token";
    public static final int MAX_PAGE_SIZE = 100;
    public static final int DEFAULT_PAGE_SIZE = MAX_PAGE_SIZE;
    public static final int DEFAULT_MAX_PAGES = 1000;
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** The whole answer, body included; a page of 100 admins from a busy LMS can take a while. */
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_TOKEN_REFRESH_MARGIN = Duration.ofSeconds(60);
    /** 16 MiB: a page of 100 admins is some 100 KiB. */
    public static final long DEFAULT_MAX_PAGE_BYTES = 16L * 1024 * 1024;
    public static final int DEFAULT_CIRCUIT_FAILURE_THRESHOLD = 10;

    public LmsSettings {
        baseUrl = HttpCalls.withoutTrailingSlash(absolute(baseUrl, "LMS base URL"));
        tokenUrl = absolute(tokenUrl, "LMS OAuth2 token URL");
        if (clientId == null || clientId.isBlank()) throw new IllegalArgumentException("LMS OAuth2 client id is missing");
        // the secret itself never goes into a message
        if (clientSecret == null || clientSecret.isBlank())
            throw new IllegalArgumentException("LMS OAuth2 client secret is missing");
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE)
            throw new IllegalArgumentException("LMS page size must be 1 to " + MAX_PAGE_SIZE + ", was " + pageSize);
        if (maxPages < 1) throw new IllegalArgumentException("LMS max pages must be positive, was " + maxPages);
        Durations.positive(connectTimeout, "LMS connect timeout");
        Durations.positive(readTimeout, "LMS read timeout");
        try {
            new Backoff(maxAttempts, initialBackoff, maxBackoff);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("LMS " + e.getMessage(), e);
        }
        Objects.requireNonNull(tokenRefreshMargin, "LMS token refresh margin");
        if (tokenRefreshMargin.isNegative())
            throw new IllegalArgumentException("LMS token refresh margin must not be negative, was "
                    + tokenRefreshMargin);
        if (maxPageBytes < 1024)
            throw new IllegalArgumentException("LMS max page bytes must be at least 1024, was " + maxPageBytes);
        if (circuitFailureThreshold < 1)
            throw new IllegalArgumentException("LMS circuit failure threshold must be at least 1, was "
                    + circuitFailureThreshold);
    }

    /** The defaults, with the token endpoint at {@code <baseUrl>/oauth2/access_token}. */
    public static LmsSettings of(URI baseUrl, String clientId, String clientSecret) {
        return builder(baseUrl, clientId, clientSecret).build();
    }

    /** Starts from the defaults; set only what differs. */
    public static Builder builder(URI baseUrl, String clientId, String clientSecret) {
        return new Builder(baseUrl, clientId, clientSecret);
    }

    /** The token endpoint the LMS serves by default under its root. */
    public static URI defaultTokenUrl(URI baseUrl) {
        return URI.create(HttpCalls.withoutTrailingSlash(absolute(baseUrl, "LMS base URL")) + DEFAULT_TOKEN_PATH);
    }

    /** How a request is tried again after a transient failure. */
    public Backoff backoff() {
        return new Backoff(maxAttempts, initialBackoff, maxBackoff);
    }

    @Override
    public String toString() {
        return "LmsSettings[baseUrl=" + baseUrl + ", tokenUrl=" + tokenUrl + ", clientId=" + clientId
                + ", clientSecret=" + SafeText.MASK + ", pageSize=" + pageSize + ", maxPages=" + maxPages
                + ", connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout + ", maxAttempts=" + maxAttempts
                + ", initialBackoff=" + initialBackoff + ", maxBackoff=" + maxBackoff + ", tokenRefreshMargin="
                + tokenRefreshMargin + ", maxPageBytes=" + maxPageBytes + ", circuitFailureThreshold="
                + circuitFailureThreshold + "]";
    }

    private static URI absolute(URI url, String what) {
        Objects.requireNonNull(url, what);
        if (!url.isAbsolute() || url.getHost() == null
                || !("http".equalsIgnoreCase(url.getScheme()) || "https".equalsIgnoreCase(url.getScheme())))
            throw new IllegalArgumentException(what + " must be an absolute http(s) URL, was " + url);
        if (url.getRawQuery() != null || url.getRawUserInfo() != null)
            throw new IllegalArgumentException(what + " must have no query and no user info");
        return url;
    }

    /** Collects settings that differ from the defaults. */
    public static final class Builder {
        private final URI baseUrl;
        private final String clientId;
        private final String clientSecret;
        private URI tokenUrl;
        private int pageSize = DEFAULT_PAGE_SIZE;
        private int maxPages = DEFAULT_MAX_PAGES;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration readTimeout = DEFAULT_READ_TIMEOUT;
        private Backoff backoff = Backoff.DEFAULT;
        private Duration tokenRefreshMargin = DEFAULT_TOKEN_REFRESH_MARGIN;
        private long maxPageBytes = DEFAULT_MAX_PAGE_BYTES;
        private int circuitFailureThreshold = DEFAULT_CIRCUIT_FAILURE_THRESHOLD;

        private Builder(URI baseUrl, String clientId, String clientSecret) {
            this.baseUrl = baseUrl;
            this.clientId = clientId;
            this.clientSecret = clientSecret;
        }

        /** Null keeps the default, {@code <baseUrl>/oauth2/access_token}. */
        public Builder tokenUrl(URI tokenUrl) {
            this.tokenUrl = tokenUrl;
            return this;
        }

        public Builder pageSize(int pageSize) {
            this.pageSize = pageSize;
            return this;
        }

        public Builder maxPages(int maxPages) {
            this.maxPages = maxPages;
            return this;
        }

        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
            return this;
        }

        public Builder readTimeout(Duration readTimeout) {
            this.readTimeout = readTimeout;
            return this;
        }

        public Builder maxAttempts(int maxAttempts) {
            backoff = new Backoff(maxAttempts, backoff.initial(), backoff.max());
            return this;
        }

        /** The first and the longest wait between attempts. */
        public Builder backoff(Duration initialBackoff, Duration maxBackoff) {
            backoff = new Backoff(backoff.maxAttempts(), initialBackoff, maxBackoff);
            return this;
        }

        public Builder tokenRefreshMargin(Duration tokenRefreshMargin) {
            this.tokenRefreshMargin = tokenRefreshMargin;
            return this;
        }

        public Builder maxPageBytes(long maxPageBytes) {
            this.maxPageBytes = maxPageBytes;
            return this;
        }

        public Builder circuitFailureThreshold(int circuitFailureThreshold) {
            this.circuitFailureThreshold = circuitFailureThreshold;
            return this;
        }

        public LmsSettings build() {
            return new LmsSettings(baseUrl, tokenUrl == null ? defaultTokenUrl(baseUrl) : tokenUrl, clientId,
                    clientSecret, pageSize, maxPages, connectTimeout, readTimeout, backoff.maxAttempts(),
                    backoff.initial(), backoff.max(), tokenRefreshMargin, maxPageBytes, circuitFailureThreshold);
        }
    }
}
