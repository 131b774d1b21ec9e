package io.licensenotify.cli.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** What {@code check} shows, cleartext endpoints, and the configuration file itself. */
class ConfigSecurityTest {
    private static final String PASSWORD = "Zebra-Pass-5e1f";

    @TempDir
    Path dir;

    private Path file(String text, String permissions) throws IOException {
        Path f = dir.resolve("license-notify.properties");
        Files.writeString(f, text);
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(permissions));
        return f;
    }

    private static String lines(Map<String, String> values) {
        StringBuilder s = new StringBuilder();
        values.forEach((k, v) -> s.append(k).append('=').append(v).append('\n'));
        return s.toString();
    }

    private static Config config(Map<String, String> changes) {
        Map<String, String> values = new HashMap<>(ConfigTest.complete());
        values.putAll(changes);
        return Config.of(values, Map.of());
    }

    @Test
    void checkMasksEveryKeyThatLooksLikeASecretKnownOrMistyped() throws IOException {
        Path f = file(lines(ConfigTest.complete()) + "braze.apikey=Mistyped-Key-1\ndb.passwd=Mistyped-Pw-2\n"
                + "lms.oauth.client_secret=Mistyped-Secret-3\ndb.pwd=Mistyped-Pw-4\nlms.oauth.token=Mistyped-Token-5\n"
                + "braze.api-keys=Mistyped-Key-6\n", "rw-------");

        String shown = Config.load(Optional.of(f), Map.of()).describe();

        assertThat(shown).doesNotContain("Mistyped-", "s3cret-")
                .contains("braze.apikey = ****", "db.passwd = ****", "lms.oauth.client_secret = ****",
                        "db.pwd = ****", "lms.oauth.token = ****", "braze.api-keys = ****")
                // a known key that only names a secret is shown
                .contains("lms.oauth.token-url = https://lms.example.com/oauth2/access_token  (default: ");
    }

    @Test
    void checkMasksEveryUrlFormOfTheDatabasePassword() {
        for (String url : List.of(
                "jdbc:h2:file:/var/lib/ln;PASSWORD=" + PASSWORD + ";MODE=MySQL",
                "jdbc:h2:file:/var/lib/ln;password=" + PASSWORD,
                "jdbc:mariadb://ln:" + PASSWORD + "@db.internal:3306/license_manager",
                "jdbc:mysql://ln:" + PASSWORD + "@db.internal/license_manager?useSSL=true",
                "jdbc:mariadb://db.internal/lm?user=ln&password=" + PASSWORD + "&useSSL=true",
                "jdbc:postgresql://db.internal/lm?user=ln&Password=" + PASSWORD,
                "jdbc:postgresql://db.internal/lm?sslmode=verify-full&sslpassword=" + PASSWORD,
                "jdbc:postgresql://ln:" + PASSWORD + "@db.internal/lm")) {
            Config config = config(Map.of("db.url", url));

            assertThat(config.describe()).as(url).doesNotContain(PASSWORD).contains("db.url = jdbc:");
            assertThat(config.toString()).doesNotContain(PASSWORD);
        }
    }

    @Test
    void aCleartextEndpointOnAnotherHostIsRefusedNamingTheKey() {
        assertThat(config(Map.of("lms.base-url", "http://lms.example.com")).problems(Config.Needs.EVERYTHING))
                .singleElement().asString().startsWith("lms.base-url: ").contains("https://", "security.allow-http");
        assertThat(config(Map.of("lms.oauth.token-url", "http://sso.example.com/token")).problems(Config.Needs.EVERYTHING))
                .singleElement().asString().startsWith("lms.oauth.token-url: ");
        assertThat(config(Map.of("braze.api-url", "HTTP://rest.iad-06.braze.com")).problems(Config.Needs.EVERYTHING))
                .singleElement().asString().startsWith("braze.api-url: ");
        // a link in an email carries no secret
        assertThat(config(Map.of("admin-portal.base-url", "http://portal.example.com")).problems(Config.Needs.EVERYTHING))
                .isEmpty();
    }

    @Test
    void cleartextToThisMachineIsAllowedWithoutAWarning() {
        for (String url : List.of("http://127.0.0.1:8080", "http://127.10.0.3", "http://localhost:9000/lms",
                "http://LOCALHOST", "http://[::1]:8080")) {
            Config config = config(Map.of("lms.base-url", url, "braze.api-url", url));

            assertThat(config.problems(Config.Needs.EVERYTHING)).as(url).isEmpty();
            assertThat(config.warnings()).as(url).isEmpty();
        }
        for (String notLoopback : List.of("http://128.0.0.1", "http://localhost.example.com", "http://127.0.0.1.example.com",
                "http://[::2]", "http://0.0.0.0"))
            assertThat(config(Map.of("braze.api-url", notLoopback)).problems(Config.Needs.EVERYTHING)).as(notLoopback)
                    .singleElement().asString().startsWith("braze.api-url: ");
    }

    @Test
    void allowHttpLetsCleartextThroughWithAWarningNamingTheKeys() {
        Config config = config(Map.of("lms.base-url", "http://lms.example.com", "braze.api-url", "http://braze.example.com",
                "security.allow-http", "true"));

        assertThat(config.problems(Config.Needs.EVERYTHING)).isEmpty();
        assertThat(config.warnings()).anySatisfy(w -> assertThat(w).contains("security.allow-http", "lms.base-url",
                "lms.oauth.token-url", "braze.api-url", "cleartext"));
        assertThat(config(Map.of("security.allow-http", "yes please")).problems(Config.Needs.EVERYTHING))
                .singleElement().asString().startsWith("security.allow-http: ");
    }

    @Test
    void aFileWithASecretReadableByOthersGetsAWarningNamingTheFileAndTheFix() throws IOException {
        Path f = file("db.url=jdbc:h2:mem:x\ndb.password=" + PASSWORD + "\n", "rw-r--r--");

        List<String> warnings = Config.load(Optional.of(f), Map.of()).warnings();

        assertThat(warnings).singleElement().asString().contains(f.toString(), "chmod 600", "db.password")
                .doesNotContain(PASSWORD);
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r-----"));
        assertThat(Config.load(Optional.of(f), Map.of()).warnings()).singleElement().asString().contains("group");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
        assertThat(Config.load(Optional.of(f), Map.of()).warnings()).isEmpty();
        // no secret in it (they come from the environment): nothing to hide
        Path open = file("db.url=jdbc:h2:mem:x\ndb.password=\n", "rw-r--r--");
        assertThat(Config.load(Optional.of(open), Map.of()).warnings()).isEmpty();
    }

    @Test
    void aKeySetTwiceWithDifferentValuesIsAProblemWithoutQuotingASecret() throws IOException {
        Path f = file(lines(ConfigTest.complete()) + "braze.api-key=Other-Key-7\nnotify.concurrency=4\n"
                + "notify.concurrency = 4\n", "rw-------");
        Config config = Config.load(Optional.of(f), Map.of());

        assertThat(config.problems(Config.Needs.EVERYTHING)).singleElement().asString()
                .startsWith("braze.api-key: ").contains("2 times", f.toString()).doesNotContain("s3cret", "Other-Key");
        assertThat(config.warnings()).singleElement().asString().startsWith("notify.concurrency: ").contains("2 times");
        assertThat(config.problems(Config.Needs.DATABASE)).hasSize(1);
    }
}
