package io.licensenotify.adapter.lms;

import io.github.resilience4j.retry.Retry;
import io.licensenotify.domain.Enterprise;
import io.licensenotify.ports.out.AdminLookupException;
import io.licensenotify.ports.out.AdminRoster;
import io.licensenotify.ports.out.Admins;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Clock;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * The enterprise's admins as the LMS enterprise-learner API lists them (role {@code enterprise_admin}), page by
 * page in the order of their user id, each enterprise-customer-user once. Rows of another enterprise or without the
 * admin role are ignored, a row that cannot be read costs that admin only, and an admin without an LMS user comes
 * back with no user id, so the rules skip it (see {@link LmsRows}). {@code next} links are followed only on the
 * configured LMS (see {@link NextLink}).
 *
 * <p>Safe to use from many threads at once, for one run: all of them share one OAuth2 token and one circuit breaker,
 * which, once the LMS has failed for enough enterprises in a row, stays open for the life of this object. Every
 * failure is an {@link AdminLookupException}; transient ones (timeouts, 5xx, 429) have been retried already, and
 * run-wide ones ({@link AdminLookupException#isRunWide()}: refused credentials, the circuit open) made no request.
 */
public final class LmsAdmins implements Admins {
    private static final Logger log = LoggerFactory.getLogger(LmsAdmins.class);

    private final LmsSettings settings;
    private final LmsCalls calls;
    private final TokenProvider tokens;
    private final LmsCircuit circuit;

    public LmsAdmins(LmsSettings settings) {
        this(settings, Clock.systemUTC());
    }

    /** @param clock decides when the token is due for renewal */
    public LmsAdmins(LmsSettings settings, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.calls = new LmsCalls(settings, Objects.requireNonNull(clock, "clock"));
        this.tokens = new TokenProvider(calls, settings, clock);
        this.circuit = new LmsCircuit(settings.circuitFailureThreshold());
    }

    /**
     * Obtains a token and reads no admin: proves that the token endpoint answers and takes the credentials.
     *
     * @return a line for the operator, without the token
     * @throws IllegalStateException with a message that holds no secret, when no token can be had
     */
    public String checkCredentials() {
        try {
            tokens.token();
            return "OAuth2 token obtained from " + settings.tokenUrl().getRawPath();
        } catch (LmsCallFailure failure) {
            throw new IllegalStateException("no OAuth2 token from " + settings.tokenUrl().getRawPath() + ": "
                    + failure.getMessage());
        }
    }

    @Override
    public AdminRoster of(Enterprise enterprise) {
        UUID uuid = enterprise.uuid();
        try {
            return circuit.call(() -> read(uuid));
        } catch (LmsCallFailure failure) {
            throw failure.about(uuid);
        }
    }

    private AdminRoster read(UUID enterprise) {
        URI endpoint = URI.create(settings.baseUrl() + LmsApi.LEARNERS_PATH);
        String path = endpoint.getRawPath();
        LmsApi.LearnerPage page = fetch(path, token -> calls.api.firstPage(enterprise, settings.pageSize(), token));
        LmsRows rows = new LmsRows(enterprise);
        URI at = endpoint;
        Set<URI> fetched = new HashSet<>();
        for (int pages = 1; ; pages++) {
            if (page == null || page.results() == null)
                throw LmsCallFailure.malformed(path, "a page without the field 'results'");
            log.debug("enterprise {}: LMS page {} with {} rows", enterprise, pages, page.results().size());
            int belonging = rows.read(page.results());
            if (belonging == 0 && !page.results().isEmpty())
                throw new LmsCallFailure(path, 200, false, "the LMS ignored the filter: none of the "
                        + page.results().size() + " rows of page " + pages + " is an admin of this enterprise (is "
                        + "the service user of lms.oauth.client-id staff?)", null);
            if (page.next() == null || page.next().isBlank()) break;
            URI next = NextLink.of(settings.baseUrl(), at, page.next());
            if (!fetched.add(next))
                throw new LmsCallFailure(path, 0, false,
                        "the LMS sent the same next page twice; stopped after " + pages + " pages", null);
            if (pages >= settings.maxPages())
                throw new LmsCallFailure(path, 0, false,
                        "more than " + settings.maxPages() + " pages of admins; stopped", null);
            at = next;
            page = fetch(path, token -> calls.api.page(next, token));
        }
        return rows.roster();
    }

    /** One request with the shared token, renewed once if the LMS refuses it; transient failures retried. */
    private <T> T fetch(String path, Function<String, T> request) {
        return calls.call(path, () -> {
            String token = tokens.token();
            try {
                return request.apply(token);
            } catch (LmsHttpError e) {
                if (e.status() != 401) throw e;
                log.debug("LMS refused the token for {}; renewing it once", path);
                return request.apply(tokens.renew(token));
            }
        });
    }

    /** For tests that watch the waits between attempts. */
    Retry retry() {
        return calls.retry();
    }
}
