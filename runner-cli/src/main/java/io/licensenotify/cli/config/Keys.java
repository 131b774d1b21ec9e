package io.licensenotify.cli.config;

import io.licensenotify.adapter.braze.BrazeSettings;
import io.licensenotify.adapter.lms.LmsSettings;
import io.licensenotify.adapter.persistence.Database;
import io.licensenotify.application.RunSettings;
import io.licensenotify.domain.NotificationKind;
import io.licensenotify.domain.NotificationRules;
import io.licensenotify.domain.ThresholdPolicy;
import io.licensenotify.domain.UncertainPolicy;
import io.licensenotify.domain.WeeklyDigestPolicy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static io.licensenotify.cli.config.Parsers.duration;
import static io.licensenotify.cli.config.Parsers.httpUrl;
import static io.licensenotify.cli.config.Parsers.text;
import static io.licensenotify.cli.config.Parsers.wholeNumber;

/**
 * Every configuration key, once: validation, environment names, {@code check}'s listing and docs/operating.md's configuration
 * table (compared by a test) all come from here. A default that an adapter, the rules or the service have is theirs
 * ({@code LmsSettings.DEFAULT_READ_TIMEOUT}); this table only names it.
 */
public final class Keys {
    private Keys() {
    }

    public static final Key<String> DB_URL = Key.withDefault("db.url", Database.DEFAULT_URL,
            Parsers.jdbcUrl(), "H2, MariaDB, MySQL or PostgreSQL").forEveryCommand();
    public static final Key<String> DB_USER = Key.unset("db.user", "", text(), "the database user").forEveryCommand();
    public static final Key<String> DB_PASSWORD = Key.unset("db.password", "", text(), "the database password")
            .secret().forEveryCommand();
    public static final Key<Duration> DB_LOCK_TIMEOUT = Key.withDefault("db.lock-timeout", Database.DEFAULT_LOCK_TIMEOUT,
            duration(), "the wait for another session's lock").forEveryCommand();
    /** One connection streams license data; the rest serve the workers' statements, each held for one statement. */
    public static final Key<Integer> DB_POOL_SIZE = Key.derived("db.pool-size", wholeNumber(1, 200),
            config -> config.getOr(Keys.NOTIFY_CONCURRENCY, RunSettings.DEFAULT.concurrency()) + 2,
            "`notify.concurrency` + 2", "database connections").forEveryCommand();

    public static final Key<URI> LMS_BASE_URL = Key.required("lms.base-url", httpUrl(), "the LMS root");
    public static final Key<URI> LMS_TOKEN_URL = Key.derived("lms.oauth.token-url", httpUrl(),
            config -> URI.create(config.get(LMS_BASE_URL) + LmsSettings.DEFAULT_TOKEN_PATH),
            "`<lms.base-url>" + LmsSettings.DEFAULT_TOKEN_PATH + "`", "the OAuth2 token endpoint");
    public static final Key<String> LMS_CLIENT_ID = Key.required("lms.oauth.client-id", text(),
            "the OAuth2 client of a staff user");
    public static final Key<String> LMS_CLIENT_SECRET = Key.required("lms.oauth.client-secret", text(),
            "its secret").secret();
    public static final Key<Integer> LMS_PAGE_SIZE = Key.withDefault("lms.page-size", LmsSettings.DEFAULT_PAGE_SIZE,
            wholeNumber(1, LmsSettings.MAX_PAGE_SIZE), "admins per page");
    public static final Key<Integer> LMS_MAX_PAGES = Key.withDefault("lms.max-pages", LmsSettings.DEFAULT_MAX_PAGES,
            wholeNumber(1, 1_000_000), "pages of admins read per enterprise at most");
    public static final Key<Integer> LMS_MAX_PAGE_BYTES = Key.withDefault("lms.max-page-bytes",
            Math.toIntExact(LmsSettings.DEFAULT_MAX_PAGE_BYTES), wholeNumber(1024, 1 << 30),
            "the longest LMS answer read, in bytes");
    public static final Key<Duration> LMS_CONNECT_TIMEOUT = Key.withDefault("lms.timeout.connect",
            LmsSettings.DEFAULT_CONNECT_TIMEOUT, duration(), "the wait for a connection");
    public static final Key<Duration> LMS_READ_TIMEOUT = Key.withDefault("lms.timeout.read",
            LmsSettings.DEFAULT_READ_TIMEOUT, duration(), "the wait for a whole answer");
    public static final Key<Integer> LMS_CIRCUIT_FAILURE_THRESHOLD = Key.withDefault("lms.circuit.failure-threshold",
            LmsSettings.DEFAULT_CIRCUIT_FAILURE_THRESHOLD, wholeNumber(1, 100_000),
            "LMS failures in a row that end LMS calls");

    public static final Key<URI> BRAZE_API_URL = Key.required("braze.api-url", httpUrl(), "the Braze REST host");
    public static final Key<String> BRAZE_API_KEY = Key.required("braze.api-key", text(),
            "a key with campaigns.trigger.send").secret();
    public static final Key<Integer> BRAZE_RATE_LIMIT_PER_HOUR = Key.withDefault("braze.rate-limit-per-hour",
            BrazeSettings.DEFAULT_RATE_LIMIT_PER_HOUR, wholeNumber(1, 100_000_000), "Braze requests per hour at most");
    public static final Key<Duration> BRAZE_CONNECT_TIMEOUT = Key.withDefault("braze.timeout.connect",
            BrazeSettings.DEFAULT_CONNECT_TIMEOUT, duration(), "the wait for a connection");
    public static final Key<Duration> BRAZE_READ_TIMEOUT = Key.withDefault("braze.timeout.read",
            BrazeSettings.DEFAULT_READ_TIMEOUT, duration(), "the wait for a whole answer");
    public static final Key<Boolean> BRAZE_CREATE_MISSING_USERS = Key.withDefault("braze.create-missing-users", false,
            Parsers.bool(), "create the Braze profile of an unknown admin");
    public static final Key<RunSettings.Batching> BRAZE_BATCHING = Key.withDefault("braze.batching",
            RunSettings.DEFAULT.batching(), Parsers.oneOf(RunSettings.Batching.class),
            "packed (many enterprises a request) or enterprise");
    public static final Key<Duration> BRAZE_PACK_LINGER = Key.withDefault("braze.pack-linger",
            RunSettings.DEFAULT.packLinger(), duration(), "the wait of a packed request that is not full");
    public static final Key<String> WEEKLY_DIGEST_CAMPAIGN = campaign(NotificationKind.WEEKLY_DIGEST);
    public static final Key<Optional<String>> RUN_ERRORS_CAMPAIGN = Key.optional("braze.campaign.run-errors", text(),
            "the run-error email's campaign");
    public static final Key<List<String>> ERROR_RECIPIENTS = Key.unset("notify.error-recipients", List.of(),
            Parsers.list(), "who gets the run-error email");

    public static final Key<ThresholdPolicy> THRESHOLDS = Key.withDefault("notify.thresholds", ThresholdPolicy.DEFAULT,
            Parsers.thresholds(), "threshold percents");
    public static final Key<Optional<Integer>> THRESHOLD_REARM_BELOW = Key.optional("notify.threshold-rearm-below",
            wholeNumber(1, 99), "re-arm a threshold this many points below it");
    public static final Key<Integer> WEEKLY_FIRST_AFTER_DAYS = Key.withDefault("notify.weekly.first-after-days",
            WeeklyDigestPolicy.DEFAULT.firstAfterDays(), wholeNumber(0, 3650), "days from activation to the first digest");
    public static final Key<Integer> WEEKLY_EVERY_DAYS = Key.withDefault("notify.weekly.every-days",
            WeeklyDigestPolicy.DEFAULT.everyDays(), wholeNumber(1, 3650), "days between digests");
    public static final Key<ZoneId> ZONE = Key.withDefault("notify.zone", NotificationRules.DEFAULT.zone(),
            Parsers.zone(), "whose calendar dates the rules compare");
    public static final Key<Integer> NOTIFY_CONCURRENCY = Key.withDefault("notify.concurrency",
            RunSettings.DEFAULT.concurrency(), wholeNumber(1, 256), "LMS requests at once");
    /** A Kubernetes Indexed Job's completions: with JOB_COMPLETION_INDEX, the shard of each of its processes. */
    public static final Key<Integer> NOTIFY_SHARDS = Key.withDefault("notify.shards", 1, wholeNumber(1, 1024),
            "processes sharing the work (JOB_COMPLETION_INDEX)");
    public static final Key<Duration> CLAIM_LEASE = Key.withDefault("notify.claim-lease",
            RunSettings.DEFAULT.claimLease(), duration(), "when a claim counts as left by a dead run");
    public static final Key<UncertainPolicy> UNCERTAIN_POLICY = Key.withDefault("notify.uncertain-policy",
            RunSettings.DEFAULT.uncertainPolicy(), Parsers.uncertainPolicy(), "skip (at most once) or resend");
    /** Under Kubernetes' own 30 s, so that the report is written before the pod is killed. */
    public static final Key<Duration> SHUTDOWN_GRACE = Key.withDefault("notify.shutdown-grace", Duration.ofSeconds(20),
            duration(), "after SIGTERM, the wait for requests in flight");
    public static final Key<Optional<URI>> ADMIN_PORTAL_BASE_URL = Key.optional("admin-portal.base-url", httpUrl(),
            "links go to <base>/<slug>/admin");
    public static final Key<Optional<Path>> METRICS_TEXTFILE = Key.optional("metrics.textfile",
            Parsers.fileInAFolder(), "node-exporter textfile, after each send");
    public static final Key<Optional<URI>> METRICS_PUSHGATEWAY_URL = Key.optional("metrics.pushgateway-url", httpUrl(),
            "Pushgateway to push to after each send");
    public static final Key<Boolean> ALLOW_HTTP = Key.withDefault("security.allow-http", false, Parsers.bool(),
            "allow http to another host").forEveryCommand();

    /** Every key, in docs/operating.md's order; the campaign of each threshold is added to them by {@link #campaign}. */
    public static final List<Key<?>> ALL = List.of(DB_URL, DB_USER, DB_PASSWORD, DB_LOCK_TIMEOUT, DB_POOL_SIZE,
            LMS_BASE_URL, LMS_TOKEN_URL, LMS_CLIENT_ID, LMS_CLIENT_SECRET, LMS_PAGE_SIZE, LMS_MAX_PAGES,
            LMS_MAX_PAGE_BYTES, LMS_CONNECT_TIMEOUT, LMS_READ_TIMEOUT, LMS_CIRCUIT_FAILURE_THRESHOLD,
            BRAZE_API_URL, BRAZE_API_KEY, BRAZE_RATE_LIMIT_PER_HOUR, BRAZE_CONNECT_TIMEOUT, BRAZE_READ_TIMEOUT,
            BRAZE_CREATE_MISSING_USERS, BRAZE_BATCHING, BRAZE_PACK_LINGER, WEEKLY_DIGEST_CAMPAIGN, RUN_ERRORS_CAMPAIGN, ERROR_RECIPIENTS, THRESHOLDS, THRESHOLD_REARM_BELOW, WEEKLY_FIRST_AFTER_DAYS,
            WEEKLY_EVERY_DAYS, ZONE, NOTIFY_CONCURRENCY, NOTIFY_SHARDS, CLAIM_LEASE, UNCERTAIN_POLICY, SHUTDOWN_GRACE,
            ADMIN_PORTAL_BASE_URL, METRICS_TEXTFILE, METRICS_PUSHGATEWAY_URL, ALLOW_HTTP);

    /** docs/operating.md's row for the threshold campaigns, whose keys depend on {@link #THRESHOLDS}. */
    public static final String THRESHOLD_CAMPAIGNS = "braze.campaign.utilization-<P>";
    public static final String THRESHOLD_CAMPAIGNS_DEFAULT = "required for each threshold";

    /** The campaign of one kind of email, named as the Braze adapter names it in its failures. */
    public static Key<String> campaign(NotificationKind kind) {
        return Key.required(BrazeSettings.campaignKey(kind), text(), "the campaign of " + kind.code());
    }

    /** Two lines per key: its name and default, then its environment name and help; for {@code check --help}. */
    public static List<String> usage() {
        List<String> lines = new ArrayList<>();
        for (Key<?> key : ALL) {
            lines.add(key.name() + " = " + key.documentedDefault().replace("`", ""));
            lines.add("    " + Config.envName(key.name()) + ": " + key.help());
        }
        lines.add(THRESHOLD_CAMPAIGNS + " = " + THRESHOLD_CAMPAIGNS_DEFAULT);
        lines.add("    " + Config.envName(THRESHOLD_CAMPAIGNS.replace("<P>", "")) + "<P>: the campaign of threshold P");
        return lines;
    }

    /** The registry's key of that name. */
    public static Optional<Key<?>> named(String name) {
        return ALL.stream().filter(k -> k.name().equals(name)).findFirst();
    }

    /** The kinds a configuration sends: each threshold's (notify.thresholds), and the digest. */
    public static List<NotificationKind> kinds(Config config) {
        List<NotificationKind> kinds = new ArrayList<>();
        config.get(THRESHOLDS).percents().forEach(p -> kinds.add(NotificationKind.threshold(p)));
        kinds.add(NotificationKind.WEEKLY_DIGEST);
        return kinds;
    }
}
