package io.licensenotify.adapter.lms;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.resilience4j.retry.Retry;
import io.licensenotify.domain.Admin;
import io.licensenotify.domain.Enterprise;
import io.licensenotify.ports.out.AdminLookupException;
import io.licensenotify.ports.out.AdminRoster;
import io.licensenotify.ports.out.Admins;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * The enterprise's admins as the LMS enterprise-learner API lists them (role {@code enterprise_admin}), page by
 * page in the order of their user id, each enterprise-customer-user once. An admin without an LMS user comes back
 * with no user id, so the rules skip it; a result that lacks a field the rules need is an error.
 *
 * <p>Safe to use from many threads at once; all of them share one OAuth2 token. Every failure is an
 * {@link AdminLookupException}; transient ones (timeouts, 5xx, 429) have been retried already.
 */
public final class LmsAdmins implements Admins {
    private static final Logger log = LoggerFactory.getLogger(LmsAdmins.class);

    private final LmsSettings settings;
    private final LmsCalls calls;
    private final TokenProvider tokens;

    public LmsAdmins(LmsSettings settings) {
        this(settings, Clock.systemUTC());
    }

    /** @param clock decides when the token is due for renewal */
    public LmsAdmins(LmsSettings settings, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.calls = new LmsCalls(settings, Objects.requireNonNull(clock, "clock"));
        this.tokens = new TokenProvider(calls, settings, clock);
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
            return AdminRoster.of(read(uuid));
        } catch (LmsCallFailure failure) {
            throw failure.about(uuid);
        }
    }

    private List<Admin> read(UUID enterprise) {
        String path = settings.baseUrl().getRawPath() + LmsApi.LEARNERS_PATH;
        LmsApi.LearnerPage page = fetch(path,
                token -> calls.api.firstPage(enterprise, settings.pageSize(), token));
        Map<Long, Admin> admins = new LinkedHashMap<>(); // the LMS order (by user id) is the stable order
        Set<URI> fetched = new HashSet<>();
        for (int pages = 1; ; pages++) {
            if (page == null || page.results() == null)
                throw LmsCallFailure.malformed(path, "a page without the field 'results'");
            log.debug("enterprise {}: LMS page {} with {} admins", enterprise, pages, page.results().size());
            for (LmsApi.LearnerJson learner : page.results()) {
                Admin admin = admin(path, learner);
                admins.putIfAbsent(admin.ecuId(), admin);
            }
            if (page.next() == null || page.next().isBlank()) break;
            URI next = next(path, page.next());
            if (!fetched.add(next))
                throw new LmsCallFailure(next.getRawPath(), 0, false,
                        "the LMS sent the same next page twice; stopped after " + pages + " pages", null);
            if (pages >= settings.maxPages())
                throw new LmsCallFailure(next.getRawPath(), 0, false,
                        "more than " + settings.maxPages() + " pages of admins; stopped", null);
            path = next.getRawPath();
            page = fetch(path, token -> calls.api.page(next, token));
        }
        return List.copyOf(admins.values());
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

    /**
     * Follows {@code next} only on the LMS's own host, and with the configured scheme and port: behind a proxy the
     * LMS may build its links with an inner address or plain http, and the token must go nowhere else.
     */
    private URI next(String path, String link) {
        URI base = settings.baseUrl();
        try {
            URI next = new URI(link);
            if (next.getHost() != null && !next.getHost().equalsIgnoreCase(base.getHost()))
                throw new LmsCallFailure(path, 0, false,
                        "the next page is on another host (" + next.getHost() + "); not sending the token there", null);
            return new URI(base.getScheme(), base.getRawAuthority(), null, null, null)
                    .resolve(next.getRawPath() + (next.getRawQuery() == null ? "" : "?" + next.getRawQuery()));
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw LmsCallFailure.malformed(path, "the next page link is not a URL");
        }
    }

    private Admin admin(String path, LmsApi.LearnerJson learner) {
        if (learner == null) throw LmsCallFailure.malformed(path, "a null result");
        if (learner.id() == null) throw LmsCallFailure.malformed(path, "a result without the field 'id'");
        long ecu = learner.id();
        if (ecu <= 0) throw LmsCallFailure.malformed(path, "a result with the non-positive id " + ecu);
        if (learner.user() == null)
            throw LmsCallFailure.malformed(path, "the result with id " + ecu + " lacks the field 'user'");
        Optional<LmsApi.UserJson> user = user(path, ecu, learner.user());
        if (user.isPresent() && user.get().id() == null)
            throw LmsCallFailure.malformed(path, "the result with id " + ecu + " lacks the field 'user.id'");

        Instant activatedAt;
        if (learner.created() != null) {
            activatedAt = instant(path, ecu, "created", learner.created());
        } else if (user.isPresent() && user.get().dateJoined() != null) {
            activatedAt = instant(path, ecu, "user.date_joined", user.get().dateJoined());
        } else {
            throw LmsCallFailure.malformed(path, "the result with id " + ecu
                    + " has neither 'created' nor 'user.date_joined'");
        }
        boolean active = !Boolean.FALSE.equals(learner.active())
                && user.map(u -> !Boolean.FALSE.equals(u.isActive())).orElse(true);
        return new Admin(ecu, user.map(LmsApi.UserJson::id),
                user.map(LmsApi.UserJson::username).orElse(""),
                user.map(LmsApi.UserJson::firstName).orElse(""),
                user.map(LmsApi.UserJson::email).orElse(""),
                active, activatedAt);
    }

    /** A JSON null is an ECU without an auth user: legitimate, and the rules skip it. */
    private Optional<LmsApi.UserJson> user(String path, long ecu, JsonNode node) {
        if (node.isNull()) return Optional.empty();
        if (!node.isObject())
            throw LmsCallFailure.malformed(path, "the field 'user' of the result with id " + ecu + " is no object");
        try {
            return Optional.of(calls.json.treeToValue(node, LmsApi.UserJson.class));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw LmsCallFailure.malformed(path, "the field 'user' of the result with id " + ecu
                    + " cannot be read (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** Django writes ISO-8601 with an offset or Z, often with microseconds; a bare time is taken as UTC. */
    private static Instant instant(String path, long ecu, String field, String value) {
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException withoutOffset) {
            try {
                return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                throw LmsCallFailure.malformed(path, "the field '" + field + "' of the result with id " + ecu
                        + " is no ISO-8601 date-time");
            }
        }
    }

    /** For tests that watch the waits between attempts. */
    Retry retry() {
        return calls.retry();
    }
}
