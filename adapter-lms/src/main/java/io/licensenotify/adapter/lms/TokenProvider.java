package io.licensenotify.adapter.lms;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.URLEncoder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import static java.nio.charset.StandardCharsets.UTF_8;

/**
 * One JWT for the whole run (OAuth2 client credentials), shared by all threads. It is renewed shortly before it
 * expires and when the LMS refuses it. One fetch is in flight at a time: the threads that need a token meanwhile
 * wait for that fetch and get its token, or its failure; they never ask on their own. Every failure of the token
 * endpoint is the LMS's (the token is everybody's), and refused client credentials (401, or 400
 * {@code invalid_client}) end LMS access for the run: no later call asks again.
 */
final class TokenProvider {
    private static final Logger log = LoggerFactory.getLogger(TokenProvider.class);

    private final LmsCalls calls;
    private final URI tokenUrl;
    private final String form;
    private final Duration refreshMargin;
    private final Clock clock;
    private final Object lock = new Object();
    private volatile Token current;
    private volatile LmsCallFailure refusal;
    private CompletableFuture<Token> inFlight; // guarded by lock

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
        return obtain(null);
    }

    /** The LMS refused {@code rejected}: a new token, unless another thread has already replaced it. */
    String renew(String rejected) {
        return obtain(rejected);
    }

    private String obtain(String rejected) {
        Token token = current;
        if (refusal == null && usable(token, rejected)) return token.value;
        CompletableFuture<Token> fetch;
        boolean mine = false;
        synchronized (lock) {
            if (refusal != null) throw refusal;
            token = current;
            if (usable(token, rejected)) return token.value;
            if (inFlight == null) {
                inFlight = new CompletableFuture<>();
                mine = true;
            }
            fetch = inFlight;
        }
        if (mine) fetchInto(fetch);
        return await(fetch).value;
    }

    private boolean usable(Token token, String rejected) {
        return token != null && token.fresh(clock) && !token.value.equals(rejected);
    }

    private void fetchInto(CompletableFuture<Token> fetch) {
        Throwable failure;
        try {
            Token token = fetch();
            synchronized (lock) {
                current = token;
                inFlight = null;
            }
            fetch.complete(token);
            return;
        } catch (LmsCallFailure e) {
            failure = refused(e) ? refusal(e) : e.in(LmsCallFailure.Scope.LMS);
        } catch (RuntimeException | Error e) {
            failure = e;
        }
        synchronized (lock) {
            if (failure instanceof LmsCallFailure f && f.scope() == LmsCallFailure.Scope.RUN) refusal = f;
            inFlight = null;
        }
        fetch.completeExceptionally(failure);
    }

    private Token await(CompletableFuture<Token> fetch) {
        try {
            return fetch.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) throw runtime;
            if (e.getCause() instanceof Error error) throw error;
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LmsCallFailure(tokenUrl.getRawPath(), 0, true, "interrupted while waiting for the token", null);
        }
    }

    private Token fetch() {
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
        log.debug("LMS token obtained, valid for {} s", answer.expiresIn());
        return new Token(answer.accessToken(), renewAt);
    }

    private static boolean refused(LmsCallFailure failure) {
        return failure.getCause() instanceof LmsHttpError http && http.refusesCredentials();
    }

    private LmsCallFailure refusal(LmsCallFailure failure) {
        log.warn("The LMS token endpoint refused the client credentials (HTTP {}); no more LMS requests this run",
                failure.status());
        return new LmsCallFailure(tokenUrl.getRawPath(), failure.status(), false, LmsCallFailure.Scope.RUN,
                "the client credentials were refused; no LMS request is made for the rest of the run (check "
                        + "lms.oauth.client-id and lms.oauth.client-secret)", null);
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
