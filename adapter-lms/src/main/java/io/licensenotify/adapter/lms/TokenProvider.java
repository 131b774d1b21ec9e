package io.licensenotify.adapter.lms;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.URLEncoder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.ReentrantLock;

import static java.nio.charset.StandardCharsets.UTF_8;

/**
 * One JWT for the whole run (OAuth2 client credentials), shared by all threads. It is renewed shortly before it
 * expires and when the LMS refuses it. Only one thread fetches at a time; the others wait for its token instead
 * of each asking for their own.
 */
final class TokenProvider {
    private static final Logger log = LoggerFactory.getLogger(TokenProvider.class);

    private final LmsCalls calls;
    private final URI tokenUrl;
    private final String form;
    private final Duration refreshMargin;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile Token current;

    TokenProvider(LmsCalls calls, LmsSettings settings, Clock clock) {
        this.calls = calls;
        this.tokenUrl = settings.tokenUrl();
        this.form = "grant_type=client_credentials"
                + "&client_id=" + URLEncoder.encode(settings.clientId(), UTF_8)
                + "&client_secret=" + URLEncoder.encode(settings.clientSecret(), UTF_8)
                + "&token_type=jwt";
        this.refreshMargin = settings.tokenRefreshMargin();
        this.clock = clock;
    }

    /** A token that is still good. */
    String token() {
        Token token = current;
        if (token != null && token.fresh(clock)) return token.value;
        lock.lock();
        try {
            token = current;
            return token != null && token.fresh(clock) ? token.value : fetch();
        } finally {
            lock.unlock();
        }
    }

    /** The LMS refused {@code rejected}: a new token, unless another thread has already replaced it. */
    String renew(String rejected) {
        lock.lock();
        try {
            Token token = current;
            return token != null && !token.value.equals(rejected) && token.fresh(clock) ? token.value : fetch();
        } finally {
            lock.unlock();
        }
    }

    private String fetch() {
        String path = tokenUrl.getRawPath();
        LmsApi.TokenJson answer = calls.call(path, () -> calls.api.token(tokenUrl, form));
        if (answer == null || answer.accessToken() == null || answer.accessToken().isBlank())
            throw LmsCallFailure.malformed(path, "the token answer has no access_token");
        Instant now = clock.instant();
        Instant renewAt;
        if (answer.expiresIn() == null || answer.expiresIn() <= 0) {
            renewAt = Instant.MAX; // no lifetime given: keep it until the LMS refuses it
        } else {
            Duration life = Duration.ofSeconds(answer.expiresIn());
            // a margin longer than half the lifetime would renew on every call
            Duration margin = refreshMargin.compareTo(life.dividedBy(2)) > 0 ? life.dividedBy(2) : refreshMargin;
            renewAt = now.plus(life).minus(margin);
        }
        current = new Token(answer.accessToken(), renewAt);
        log.debug("LMS token obtained, valid for {} s", answer.expiresIn());
        return answer.accessToken();
    }

    private record Token(String value, Instant renewAt) {
        boolean fresh(Clock clock) {
            return clock.instant().isBefore(renewAt);
        }

        @Override
        public String toString() {
            return "Token[renewAt=" + renewAt + "]";
        }
    }
}
