package io.licensenotify.adapter.lms;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.licensenotify.domain.Enterprise;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

/** A stand-in LMS on WireMock: the token endpoint, enterprise-learner pages, and settings with tiny backoffs. */
final class Lms {
    static final String LEARNERS = "/enterprise/api/v1/enterprise-learner/";
    static final String TOKEN_PATH = "/oauth2/access_token";
    static final String CLIENT_ID = "license-notify";
    /** Characters that need form encoding, so a naive form body would break. */
    static final String SECRET = "s3cret+&=/client-secret";
    static final String TOKEN = "eyJ0b2tlbi1vbmUi.cGF5bG9hZC1vbmU.c2lnbmF0dXJlLW9uZQ";
    static final String OTHER_TOKEN = "eyJ0b2tlbi10d28i.cGF5bG9hZC10d28.c2lnbmF0dXJlLXR3bw";
    static final Enterprise ENTERPRISE = Enterprise.of(UUID.fromString("5f1c7d7e-3a4b-4c8d-9e0f-112233445566"),
            "Pied Piper", "pied-piper");

    private Lms() {
    }

    static WireMockExtension server() {
        return WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();
    }

    static LmsSettings.Builder settings(WireMockExtension lms) {
        return LmsSettings.builder(URI.create(lms.baseUrl()), CLIENT_ID, SECRET)
                .pageSize(2)
                .maxAttempts(4)
                .backoff(Duration.ofMillis(1), Duration.ofMillis(5))
                .connectTimeout(Duration.ofSeconds(2))
                .readTimeout(Duration.ofSeconds(2));
    }

    /** The token request as the LMS expects it: a form with the client credentials and token_type=jwt. */
    static MappingBuilder tokenRequest() {
        return post(urlPathEqualTo(TOKEN_PATH))
                .withHeader("Content-Type", equalTo("application/x-www-form-urlencoded"))
                .withFormParam("grant_type", equalTo("client_credentials"))
                .withFormParam("client_id", equalTo(CLIENT_ID))
                .withFormParam("client_secret", equalTo(SECRET))
                .withFormParam("token_type", equalTo("jwt"));
    }

    static ResponseDefinitionBuilder token(String token, long expiresIn) {
        return okJson("{\"access_token\":\"" + token + "\",\"expires_in\":" + expiresIn
                + ",\"token_type\":\"JWT\",\"scope\":\"read write profile email\"}");
    }

    static void stubToken(WireMockExtension lms) {
        lms.stubFor(tokenRequest().willReturn(token(TOKEN, 3600)));
    }

    /** The first page of the enterprise's admins, asked with the given token. */
    static MappingBuilder firstPage(Enterprise enterprise, String token) {
        return get(urlPathEqualTo(LEARNERS))
                .withQueryParam("enterprise_customer_uuid", equalTo(enterprise.uuid().toString()))
                .withQueryParam("role", equalTo("enterprise_admin"))
                .withQueryParam("ordering", equalTo("user_id"))
                .withQueryParam("page", absent())
                .withHeader("Authorization", equalTo("JWT " + token));
    }

    static MappingBuilder page(Enterprise enterprise, int page) {
        return get(urlPathEqualTo(LEARNERS))
                .withQueryParam("enterprise_customer_uuid", equalTo(enterprise.uuid().toString()))
                .withQueryParam("page", equalTo(String.valueOf(page)))
                .withHeader("Authorization", equalTo("JWT " + TOKEN));
    }

    /** A link to a page the way DRF builds it: absolute, the query sorted, the page number added. */
    static String link(WireMockExtension lms, Enterprise enterprise, int page) {
        return lms.baseUrl() + LEARNERS + "?enterprise_customer_uuid=" + enterprise.uuid()
                + "&ordering=user_id&page=" + page + "&page_size=2&role=enterprise_admin";
    }

    static String pageJson(String next, String... results) {
        return "{\"count\":" + results.length + ",\"num_pages\":1,\"current_page\":1,\"start\":0,"
                + "\"next\":" + (next == null ? "null" : "\"" + next + "\"") + ",\"previous\":null,"
                + "\"results\":[" + String.join(",", results) + "],\"enterprise_features\":{}}";
    }

    /** An admin of {@link #ENTERPRISE} with its user, as the LMS serializes it (with fields we ignore). */
    static String admin(long ecuId, long userId) {
        return admin(ENTERPRISE, ecuId, userId);
    }

    /** An admin of the given enterprise. */
    static String admin(Enterprise enterprise, long ecuId, long userId) {
        return row(ecuId, "\"enterprise_customer\":{\"uuid\":\"" + enterprise.uuid() + "\",\"name\":\"x\"},"
                + "\"role_assignments\":[\"enterprise_admin\"],\"active\":true,"
                + "\"created\":\"2024-03-01T10:15:30.123456Z\"", user(userId, ""));
    }

    /** A row of {@link #ENTERPRISE} with the admin role and the given ECU fields. */
    static String learner(long ecuId, String ecuFields, String user) {
        return row(ecuId, "\"enterprise_customer\":{\"uuid\":\"" + ENTERPRISE.uuid() + "\"},"
                + "\"role_assignments\":[\"enterprise_admin\"]" + (ecuFields.isEmpty() ? "" : "," + ecuFields), user);
    }

    /** A row with exactly the given ECU fields besides its id, user and the fields we ignore. */
    static String row(long ecuId, String ecuFields, String user) {
        return "{\"id\":" + ecuId + ",\"user_id\":" + ecuId + ",\"invite_key\":null,\"groups\":[],"
                + (ecuFields.isEmpty() ? "" : ecuFields + ",") + "\"user\":" + user + "}";
    }

    static String user(long userId, String extraFields) {
        return "{\"id\":" + userId + ",\"username\":\"user" + userId + "\",\"first_name\":\"First" + userId + "\","
                + "\"last_name\":\"Last\",\"email\":\"user" + userId + "@example.com\",\"is_staff\":false"
                + (extraFields.isEmpty() ? ",\"is_active\":true,\"date_joined\":\"2020-01-01T00:00:00Z\"" : extraFields)
                + "}";
    }

    /** A clock the test moves, to expire tokens without waiting. */
    static final class MovableClock extends Clock {
        private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2024-06-01T08:00:00Z"));

        void advance(Duration by) {
            now.updateAndGet(t -> t.plus(by));
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    }
}
