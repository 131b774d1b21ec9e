package io.licensenotify.cli.config;

import io.licensenotify.adapter.lms.LmsSettings;
import io.licensenotify.application.RunSettings;
import io.licensenotify.domain.NotificationKind;
import io.licensenotify.domain.ThresholdPolicy;
import io.licensenotify.domain.WeeklyDigestPolicy;
import io.licensenotify.domain.UncertainPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

public class ConfigTest {
    @TempDir
    Path dir;

    public static Map<String, String> complete() {
        Map<String, String> c = new HashMap<>();
        c.put("lms.base-url", "https://lms.example.com/");
        c.put("lms.oauth.client-id", "client");
        c.put("lms.oauth.client-secret", "s3cret-client");
        c.put("braze.api-url", "https://rest.iad-06.braze.com");
        c.put("braze.api-key", "s3cret-braze");
        c.put("braze.campaign.utilization-75", "c75");
        c.put("braze.campaign.utilization-100", "c100");
        c.put("braze.campaign.weekly-digest", "cweekly");
        c.put("braze.campaign.run-errors", "cerrors");
        c.put("notify.error-recipients", "ops-1, ops-2");
        c.put("admin-portal.base-url", "https://portal.example.com");
        c.put("db.password", "s3cret-db");
        return c;
    }

    private Path file(Map<String, String> values) throws IOException {
        Path f = dir.resolve("license-notify.properties");
        StringBuilder s = new StringBuilder();
        values.forEach((k, v) -> s.append(k).append('=').append(v).append('\n'));
        Files.writeString(f, s);
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------")); // as the README asks
        return f;
    }

    @Test
    void namesEachKeyInTheEnvironmentInUpperCaseWithUnderscores() {
        assertThat(Config.envName("lms.base-url")).isEqualTo("LMS_BASE_URL");
        assertThat(Config.envName("braze.campaign.utilization-75")).isEqualTo("BRAZE_CAMPAIGN_UTILIZATION_75");
        assertThat(Keys.campaign(NotificationKind.threshold(75)).name()).isEqualTo("braze.campaign.utilization-75");
        assertThat(Keys.campaign(NotificationKind.WEEKLY_DIGEST).name()).isEqualTo("braze.campaign.weekly-digest");
    }

    @Test
    void theEnvironmentWinsOverTheFile() throws IOException {
        Config config = Config.load(Optional.of(file(complete())),
                Map.of("LMS_BASE_URL", "https://other.example.com", "BRAZE_CAMPAIGN_UTILIZATION_75", "env75",
                        "NOTIFY_CONCURRENCY", "3"));
        assertThat(config.get(Keys.LMS_BASE_URL)).isEqualTo(URI.create("https://other.example.com"));
        assertThat(config.get(Keys.campaign(NotificationKind.threshold(75)))).isEqualTo("env75");
        assertThat(config.get(Keys.NOTIFY_CONCURRENCY)).isEqualTo(3);
        assertThat(config.get(Keys.DB_POOL_SIZE)).isEqualTo(5);
    }

    @Test
    void anEmptyEnvironmentVariableCountsAsNotSet() throws IOException {
        Config config = Config.load(Optional.of(file(complete())), Map.of("BRAZE_API_KEY", " "));
        assertThat(config.get(Keys.BRAZE_API_KEY)).isEqualTo("s3cret-braze");
    }

    @Test
    void everyKeyHasItsDocumentedDefault() {
        Config config = Config.of(complete(), Map.of());
        assertThat(config.get(Keys.DB_URL)).isEqualTo("jdbc:h2:file:./data/license-notify");
        assertThat(config.get(Keys.DB_POOL_SIZE)).isEqualTo(10);
        assertThat(config.get(Keys.LMS_TOKEN_URL)).isEqualTo(URI.create("https://lms.example.com/oauth2/access_token"));
        assertThat(config.get(Keys.LMS_PAGE_SIZE)).isEqualTo(100);
        assertThat(config.get(Keys.BRAZE_RATE_LIMIT_PER_HOUR)).isEqualTo(250_000);
        assertThat(config.get(Keys.THRESHOLDS)).isEqualTo(ThresholdPolicy.DEFAULT);
        assertThat(Settings.weekly(config)).isEqualTo(WeeklyDigestPolicy.DEFAULT);
        assertThat(config.get(Keys.ZONE)).isEqualTo(ZoneId.of("UTC"));
        assertThat(Settings.run(config)).isEqualTo(RunSettings.DEFAULT);
        assertThat(config.get(Keys.ERROR_RECIPIENTS)).containsExactly("ops-1", "ops-2");
        assertThat(Settings.campaigns(config)).containsEntry(NotificationKind.threshold(100), "c100")
                .containsEntry(NotificationKind.WEEKLY_DIGEST, "cweekly").hasSize(3);
    }

    @Test
    void theLmsLimitsDefaultToTheAdaptersAndAreCheckedNamingTheirKeys() {
        Config defaults = Config.of(complete(), Map.of());
        assertThat((long) defaults.get(Keys.LMS_MAX_PAGE_BYTES)).isEqualTo(LmsSettings.DEFAULT_MAX_PAGE_BYTES);
        assertThat(defaults.get(Keys.LMS_CIRCUIT_FAILURE_THRESHOLD)).isEqualTo(LmsSettings.DEFAULT_CIRCUIT_FAILURE_THRESHOLD);

        Config bad = Config.of(complete(), Map.of("LMS_MAX_PAGE_BYTES", "100", "LMS_CIRCUIT_FAILURE_THRESHOLD", "0"));
        assertThat(bad.problems(Config.Needs.EVERYTHING)).containsExactly(
                "lms.max-page-bytes: '100' is not within 1024..1073741824 (from LMS_MAX_PAGE_BYTES)",
                "lms.circuit.failure-threshold: '0' is not within 1..100000 (from LMS_CIRCUIT_FAILURE_THRESHOLD)");
    }

    @Test
    void readsTypedValuesInTheirUsualSpellings() {
        Map<String, String> c = complete();
        c.put("lms.timeout.connect", "500ms");
        c.put("lms.timeout.read", "PT45S");
        c.put("notify.claim-lease", "2h");
        c.put("notify.uncertain-policy", "RESEND");
        c.put("notify.thresholds", "100, 50");
        c.put("braze.campaign.utilization-50", "c50");
        c.put("notify.zone", "Europe/Paris");
        c.put("braze.api-url", "https://rest.iad-06.braze.com/sub//");
        Config config = Config.of(c, Map.of()).validated(Config.Needs.EVERYTHING);
        assertThat(config.get(Keys.LMS_BASE_URL)).as("without its trailing slash").isEqualTo(URI.create("https://lms.example.com"));
        assertThat(config.get(Keys.BRAZE_API_URL)).isEqualTo(URI.create("https://rest.iad-06.braze.com/sub"));
        assertThat(config.get(Keys.LMS_CONNECT_TIMEOUT)).isEqualTo(Duration.ofMillis(500));
        assertThat(config.get(Keys.LMS_READ_TIMEOUT)).isEqualTo(Duration.ofSeconds(45));
        assertThat(Settings.run(config)).isEqualTo(new RunSettings(8, Duration.ofHours(2), UncertainPolicy.RESEND));
        assertThat(Settings.rules(config).thresholds().percents()).containsExactly(50, 100);
        assertThat(Settings.rules(config).zone()).isEqualTo(ZoneId.of("Europe/Paris"));
    }

    @Test
    void listsEveryProblemAtOnceEachNamingItsKeyAndWhereToSetIt() throws IOException {
        Path f = file(Map.of("lms.base-url", "https://lms.example.com"));
        List<String> problems = Config.load(Optional.of(f), Map.of("NOTIFY_CONCURRENCY", "abc"))
                .problems(Config.Needs.EVERYTHING);
        assertThat(problems).contains(
                "braze.api-key: missing (set it in " + f + " or BRAZE_API_KEY)",
                "notify.concurrency: 'abc' is not a whole number (from NOTIFY_CONCURRENCY)",
                "braze.campaign.utilization-75: missing (set it in " + f + " or BRAZE_CAMPAIGN_UTILIZATION_75)",
                "braze.campaign.utilization-100: missing (set it in " + f + " or BRAZE_CAMPAIGN_UTILIZATION_100)",
                "lms.oauth.client-secret: missing (set it in " + f + " or LMS_OAUTH_CLIENT_SECRET)");
        // lms.oauth.client-id and -secret, braze.api-url and -key, three campaigns, notify.concurrency;
        // the run-error and admin-portal settings are optional
        assertThat(problems).hasSize(8);
    }

    @Test
    void namesTheFileWhenAValueFromItIsInvalid() throws IOException {
        Map<String, String> c = complete();
        c.put("notify.thresholds", "75,75");
        c.put("notify.claim-lease", "soon");
        c.put("notify.uncertain-policy", "maybe");
        c.put("lms.base-url", "lms.example.com");
        c.put("db.url", "jdbc:oracle:thin:@db");
        Path f = file(c);
        assertThatThrownBy(() -> Config.load(Optional.of(f), Map.of()).validated(Config.Needs.EVERYTHING))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactlyInAnyOrder(
                        "db.url: 'jdbc:oracle:...' is not a supported database (jdbc:h2:, jdbc:mariadb:, jdbc:mysql: or jdbc:postgresql:) (from " + f + ")",
                        "lms.base-url: 'lms.example.com' is not an http(s) URL (from " + f + ")",
                        "notify.thresholds: '75,75' is not usable: threshold percent 75 is listed twice (from " + f + ")",
                        "notify.claim-lease: 'soon' is not a duration (like PT30S, 30s, 500ms or 1h) (from " + f + ")",
                        "notify.uncertain-policy: 'maybe' is neither skip nor resend (from " + f + ")"));
    }

    @Test
    void migrateAndHistoryNeedOnlyTheDatabase() {
        Config onlyDb = Config.of(Map.of("db.url", "jdbc:postgresql://db/lm"), Map.of());
        assertThat(onlyDb.problems(Config.Needs.DATABASE)).isEmpty();
        assertThat(onlyDb.problems(Config.Needs.EVERYTHING)).isNotEmpty();
        assertThat(Config.of(complete(), Map.of()).problems(Config.Needs.EVERYTHING)).isEmpty();
    }

    @Test
    void aCampaignIsNeededForEveryConfiguredThreshold() {
        Map<String, String> c = complete();
        c.put("notify.thresholds", "50,75,100");
        assertThat(Config.of(c, Map.of()).problems(Config.Needs.EVERYTHING))
                .containsExactly("braze.campaign.utilization-50: missing (set it in a --config file or BRAZE_CAMPAIGN_UTILIZATION_50)");
    }

    @Test
    void masksSecretsWhereverTheConfigurationIsShown() {
        Map<String, String> c = complete();
        c.put("db.url", "jdbc:postgresql://db/lm?user=lm&password=s3cret-url");
        Config config = Config.of(c, Map.of("BRAZE_API_KEY", "s3cret-env"));
        assertThat(config.describe())
                .contains("braze.api-key = ****  (from BRAZE_API_KEY)", "db.password = ****",
                        "lms.oauth.client-secret = ****", "lms.oauth.client-id = client", "notify.concurrency = 8  (default)",
                        "password=****")
                .doesNotContain("s3cret");
        assertThat(config.toString()).doesNotContain("s3cret");
    }

    @Test
    void aDefaultThatFollowsFromOtherKeysIsShownWithItsEffectiveValue() {
        Map<String, String> c = complete();
        c.remove("db.pool-size");
        c.remove("lms.oauth.token-url");
        c.put("lms.base-url", "https://lms.example.com");
        c.put("notify.concurrency", "6");

        assertThat(Config.of(c, Map.of()).describe()).contains(
                "db.pool-size = 8  (default: notify.concurrency + 2)\n",
                "lms.oauth.token-url = https://lms.example.com/oauth2/access_token  (default: <lms.base-url>/oauth2/access_token)\n");
    }

    @Test
    void warnsAboutUnknownKeysThatLookLikeOurs() throws IOException {
        Map<String, String> c = complete();
        c.put("braze.apikey", "x");
        c.put("notify.concurency", "4");
        c.put("spring.datasource.url", "ignored: not ours");
        Path f = file(c);
        assertThat(Config.load(Optional.of(f), Map.of()).warnings()).containsExactlyInAnyOrder(
                "braze.apikey: unknown key in " + f + " (did you mean braze.api-key?); ignored",
                "notify.concurency: unknown key in " + f + " (did you mean notify.concurrency?); ignored");
    }

    @Test
    void aMissingConfigFileIsAProblemNamingIt() {
        Path missing = dir.resolve("nope.properties");
        assertThatThrownBy(() -> Config.load(Optional.of(missing), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessage("--config " + missing + ": file not found");
    }
}
