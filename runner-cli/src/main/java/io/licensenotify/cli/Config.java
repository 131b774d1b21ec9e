package io.licensenotify.cli;

import io.licensenotify.application.RunSettings;
import io.licensenotify.domain.NotificationKind;
import io.licensenotify.domain.NotificationRules;
import io.licensenotify.domain.ThresholdPolicy;
import io.licensenotify.domain.WeeklyDigestPolicy;
import io.licensenotify.domain.UncertainPolicy;
import io.licensenotify.ports.out.Secrets;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The configuration of DESIGN.md "The command line": a properties file ({@code --config FILE}) and the
 * environment, where the environment wins. Every key has an environment name: upper case with {@code .} and
 * {@code -} as {@code _} ({@code lms.base-url} is {@code LMS_BASE_URL}). An empty value counts as not set.
 * <p>
 * Values are read lazily and typed by the accessors; {@link #validated(Needs)} reads every value a command needs
 * and lists every problem at once, each naming its key and where its value came from. Secrets are masked in
 * {@link #describe()} and {@link #toString()} and never quoted in a problem.
 */
public final class Config {
    /** What a command needs configured. */
    public enum Needs {
        /** {@code migrate}, {@code history}: only the database. */
        DATABASE,
        /** {@code send}, {@code check}: the database, the LMS, Braze, the campaigns and the rules. */
        EVERYTHING
    }

    public static final String CAMPAIGN_PREFIX = "braze.campaign.";
    static final Set<String> SECRETS = Set.of("db.password", "lms.oauth.client-secret", "braze.api-key");
    /** Words that make an unknown (mistyped) key a secret: {@code db.passwd}, {@code braze.apikey}, {@code x.token}. */
    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(pass|pwd|secret|key|token|credential).*");
    private static final List<String> PREFIXES = List.of("db.", "lms.", "braze.", "notify.", "admin-portal.", "security.");
    private static final Map<String, String> DEFAULTS = defaults();
    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    private final Map<String, String> file;
    private final String fileName;
    private final Map<String, String> env;
    /** What reading the file found: keys set twice, a file others can read (issue 12 item 6). */
    private final List<String> fileProblems;
    private final List<String> fileWarnings;

    private Config(Map<String, String> file, String fileName, Map<String, String> env, ConfigFile read) {
        this.file = Collections.unmodifiableMap(new TreeMap<>(file));
        this.fileName = fileName;
        this.env = Map.copyOf(env);
        this.fileProblems = read == null ? List.of() : read.problems();
        this.fileWarnings = read == null ? List.of() : read.warnings();
    }

    /**
     * Reads the properties file, if any, and keeps the environment.
     *
     * @throws ConfigException when the file cannot be read
     */
    public static Config load(Optional<Path> file, Map<String, String> env) {
        if (file.isEmpty()) return new Config(Map.of(), null, env, null);
        ConfigFile read = ConfigFile.read(file.get(), Config::isSecret);
        return new Config(read.values(), file.get().toString(), env, read);
    }

    /** A configuration given in code (the demo, tests), with the environment on top as usual. */
    public static Config of(Map<String, String> properties, Map<String, String> env) {
        return new Config(properties, null, env, null);
    }

    /** {@code lms.base-url} is {@code LMS_BASE_URL}. */
    public static String envName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /**
     * Whether a key's value is a secret, never shown: the known secrets, and any other key whose name has
     * {@code pass} (password, passwd), {@code pwd}, {@code secret}, {@code key}, {@code token} or {@code credential}
     * in it, so that a mistyped secret ({@code braze.apikey}, {@code db.passwd}) is masked too. A known key that only
     * names one ({@code lms.oauth.token-url}) is not.
     */
    static boolean isSecret(String key) {
        if (SECRETS.contains(key)) return true;
        return !DEFAULTS.containsKey(key) && SECRET_NAME.matcher(key).matches();
    }

    /**
     * Every secret value this configuration holds: the secret keys' (known or mistyped, from the file or the
     * environment) and the passwords inside {@code db.url}. What the process prints or logs is masked with them.
     */
    public Set<String> secretValues() {
        Set<String> values = new TreeSet<>();
        file.forEach((k, v) -> {
            if (isSecret(k) && v != null && !v.isBlank()) values.add(v.trim());
        });
        env.forEach((name, v) -> {
            String key = DEFAULTS.keySet().stream().filter(k -> envName(k).equals(name)).findFirst()
                    .orElse(name.toLowerCase(Locale.ROOT).replace('_', '.'));
            if (PREFIXES.stream().anyMatch(key::startsWith) && isSecret(key) && !v.isBlank()) values.add(v.trim());
        });
        SECRETS.forEach(k -> value(k).ifPresent(values::add));
        value("db.url").ifPresent(url -> values.addAll(Secrets.inUrl(url)));
        return values;
    }

    /** The key of the campaign of one notification kind: {@code braze.campaign.utilization-75}. */
    public static String campaignKey(NotificationKind kind) {
        return CAMPAIGN_PREFIX + kind.code().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    // ---- validation ---------------------------------------------------------------------------------------

    /** This configuration, when everything {@code needs} asks for is present and valid. */
    public Config validated(Needs needs) {
        List<String> problems = problems(needs);
        if (!problems.isEmpty()) throw new ConfigException(problems);
        return this;
    }

    /** Every problem of the values a command needs, each naming its key; empty when it can run. */
    public List<String> problems(Needs needs) {
        List<Supplier<?>> checks = new ArrayList<>(List.of(
                this::dbUrl, this::dbPoolSize, this::dbLockTimeout, this::allowHttp));
        if (needs == Needs.EVERYTHING) {
            checks.addAll(List.of(
                    this::lmsBaseUrl, this::lmsTokenUrl, this::lmsClientId, this::lmsClientSecret, this::lmsPageSize,
                    this::lmsMaxPages, this::lmsMaxPageBytes, this::lmsCircuitFailureThreshold,
                    this::lmsConnectTimeout, this::lmsReadTimeout,
                    this::brazeApiUrl, this::brazeApiKey, this::brazeRateLimitPerHour,
                    this::brazeConnectTimeout, this::brazeReadTimeout,
                    this::thresholds, this::weekly, this::zone, this::concurrency, this::claimLease,
                    this::uncertainPolicy, this::shutdownGrace, this::adminPortalBaseUrl, this::encryptedEndpoints,
                    () -> campaign(NotificationKind.WEEKLY_DIGEST)));
            try {
                for (int percent : thresholds().percents())
                    checks.add(() -> campaign(NotificationKind.threshold(percent)));
            } catch (ConfigException alreadyListed) {
                // the thresholds' own problem is listed above; their campaigns cannot be checked without them
            }
        }
        List<String> problems = new ArrayList<>(fileProblems);
        for (Supplier<?> check : checks) {
            try {
                check.get();
            } catch (ConfigException e) {
                e.problems().stream().filter(p -> !problems.contains(p)).forEach(problems::add);
            }
        }
        return problems;
    }

    /**
     * Keys in the file that look like ours but are not (most likely typos), what reading the file found (a key set
     * twice to one value, secrets others can read), and the endpoints that {@code security.allow-http} lets through.
     */
    public List<String> warnings() {
        Set<String> known = new TreeSet<>(DEFAULTS.keySet());
        known.addAll(campaignKeys());
        List<String> warnings = new ArrayList<>(fileWarnings);
        List<String> cleartext = cleartextEndpoints();
        if (!cleartext.isEmpty()) warnings.add(Endpoints.warning(cleartext));
        for (String key : file.keySet()) {
            if (known.contains(key) || PREFIXES.stream().noneMatch(key::startsWith)) continue;
            String closest = known.stream().min((a, b) -> distance(key, a) - distance(key, b)).orElseThrow();
            warnings.add(key + ": unknown key in " + fileName
                    + (distance(key, closest) <= 3 ? " (did you mean " + closest + "?)" : "") + "; ignored");
        }
        return warnings;
    }

    /** The campaign keys of the configured thresholds (the default ones while the thresholds are invalid). */
    private List<String> campaignKeys() {
        List<Integer> percents;
        try {
            percents = thresholds().percents();
        } catch (ConfigException listedElsewhere) {
            percents = ThresholdPolicy.DEFAULT.percents();
        }
        List<String> keys = new ArrayList<>();
        percents.forEach(p -> keys.add(campaignKey(NotificationKind.threshold(p))));
        keys.add(campaignKey(NotificationKind.WEEKLY_DIGEST));
        keys.add(CAMPAIGN_PREFIX + "run-errors");
        return keys;
    }

    // ---- database -----------------------------------------------------------------------------------------

    /** A JDBC URL for H2, MariaDB, MySQL or PostgreSQL. */
    public String dbUrl() {
        String url = value("db.url").orElseThrow();
        if (!url.matches("jdbc:(h2|mariadb|mysql|postgresql):.+"))
            throw invalid("db.url", url.replaceAll("^(jdbc:[^:]*:).*", "$1..."),
                    "not a supported database (jdbc:h2:, jdbc:mariadb:, jdbc:mysql: or jdbc:postgresql:)");
        return url;
    }

    public String dbUser() {
        return value("db.user").orElse("");
    }

    public String dbPassword() {
        return value("db.password").orElse("");
    }

    /** Default: {@code notify.concurrency + 2}, so each worker has a connection and the ledger sweep one more. */
    public int dbPoolSize() {
        if (value("db.pool-size").isEmpty()) return concurrencyOr(RunSettings.DEFAULT.concurrency()) + 2;
        return wholeNumber("db.pool-size", 1, 200);
    }

    /** How long a statement waits for a lock another session holds before the run reports it. */
    public Duration dbLockTimeout() {
        return duration("db.lock-timeout");
    }

    // ---- LMS ----------------------------------------------------------------------------------------------

    public URI lmsBaseUrl() {
        return url("lms.base-url");
    }

    /** Default: {@code <lms.base-url>/oauth2/access_token}. */
    public URI lmsTokenUrl() {
        if (value("lms.oauth.token-url").isEmpty()) return URI.create(lmsBaseUrl() + "/oauth2/access_token");
        return url("lms.oauth.token-url");
    }

    public String lmsClientId() {
        return required("lms.oauth.client-id");
    }

    public String lmsClientSecret() {
        return required("lms.oauth.client-secret");
    }

    /** Admins asked for per page; the LMS allows at most 100. */
    public int lmsPageSize() {
        return wholeNumber("lms.page-size", 1, 100);
    }

    /** Pages of admins read per enterprise at most: an LMS whose {@code next} never ends fails that enterprise. */
    public int lmsMaxPages() {
        return wholeNumber("lms.max-pages", 1, 1_000_000);
    }

    /** An LMS answer longer than this fails that enterprise; enforced while reading. */
    public int lmsMaxPageBytes() {
        return wholeNumber("lms.max-page-bytes", 1024, 1 << 30);
    }

    /** After this many enterprises in a row failed because of the LMS, the rest of the run does not ask it. */
    public int lmsCircuitFailureThreshold() {
        return wholeNumber("lms.circuit.failure-threshold", 1, 100_000);
    }

    public Duration lmsConnectTimeout() {
        return duration("lms.timeout.connect");
    }

    public Duration lmsReadTimeout() {
        return duration("lms.timeout.read");
    }

    // ---- Braze --------------------------------------------------------------------------------------------

    public URI brazeApiUrl() {
        return url("braze.api-url");
    }

    public String brazeApiKey() {
        return required("braze.api-key");
    }

    public int brazeRateLimitPerHour() {
        return wholeNumber("braze.rate-limit-per-hour", 1, 100_000_000);
    }

    public Duration brazeConnectTimeout() {
        return duration("braze.timeout.connect");
    }

    public Duration brazeReadTimeout() {
        return duration("braze.timeout.read");
    }

    /** The Braze campaign id of a kind of email, from {@code braze.campaign.utilization-<P>} or {@code weekly-digest}. */
    public String campaign(NotificationKind kind) {
        return required(campaignKey(kind));
    }

    /** The campaign of every configured kind: each threshold and the weekly digest. */
    public Map<NotificationKind, String> campaigns() {
        Map<NotificationKind, String> campaigns = new LinkedHashMap<>();
        thresholds().percents().forEach(p -> campaigns.put(NotificationKind.threshold(p), campaign(NotificationKind.threshold(p))));
        campaigns.put(NotificationKind.WEEKLY_DIGEST, campaign(NotificationKind.WEEKLY_DIGEST));
        return campaigns;
    }

    /** The run-errors campaign; absent means failures stay in the report (the notifier logs one warning). */
    public Optional<String> runErrorsCampaign() {
        return value(CAMPAIGN_PREFIX + "run-errors");
    }

    /** Braze external user ids that get the run-error email; empty means nobody is notified. */
    public List<String> errorRecipients() {
        return value("notify.error-recipients").stream()
                .flatMap(v -> Arrays.stream(v.split(",")))
                .map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** The admin portal, for links in emails ({@code <base>/<slug>/admin}); absent means no link. */
    public Optional<URI> adminPortalBaseUrl() {
        return value("admin-portal.base-url").isEmpty() ? Optional.empty() : Optional.of(url("admin-portal.base-url"));
    }

    /** {@code security.allow-http}: let the secret-bearing endpoints use http to another host (with a warning). */
    public boolean allowHttp() {
        String raw = value(Endpoints.ALLOW_HTTP).orElseThrow().trim().toLowerCase(Locale.ROOT);
        if (!raw.equals("true") && !raw.equals("false"))
            throw invalid(Endpoints.ALLOW_HTTP, raw, "neither true nor false");
        return raw.equals("true");
    }

    /** Issue 12 item 5: each endpoint set to cleartext http to another host is a problem, unless allowed. */
    private Void encryptedEndpoints() {
        if (allowHttp()) return null;
        List<String> problems = new ArrayList<>();
        for (String key : Endpoints.KEYS) {
            if (value(key).isEmpty()) continue; // the token URL's default follows lms.base-url, named already
            try {
                if (Endpoints.cleartext(url(key))) problems.add(invalid(key, value(key).get(), Endpoints.refusal(key)).getMessage());
            } catch (ConfigException listedElsewhere) {
                // not a URL at all: its own problem is listed
            }
        }
        if (!problems.isEmpty()) throw new ConfigException(problems);
        return null;
    }

    /** The secret-bearing endpoints that use cleartext http to another host because {@code security.allow-http} says so. */
    private List<String> cleartextEndpoints() {
        List<String> keys = new ArrayList<>();
        try {
            if (!allowHttp()) return keys;
            if (value("lms.base-url").isPresent() && Endpoints.cleartext(lmsBaseUrl())) keys.add("lms.base-url");
            if (value("lms.base-url").isPresent() && Endpoints.cleartext(lmsTokenUrl())) keys.add("lms.oauth.token-url");
            if (value("braze.api-url").isPresent() && Endpoints.cleartext(brazeApiUrl())) keys.add("braze.api-url");
        } catch (ConfigException listedElsewhere) {
            // a value that is no URL has its own problem
        }
        return keys;
    }

    // ---- rules and run ------------------------------------------------------------------------------------

    public ThresholdPolicy thresholds() {
        String raw = value("notify.thresholds").orElseThrow();
        try {
            List<Integer> percents = new ArrayList<>();
            for (String part : raw.split(",")) percents.add(Integer.parseInt(part.trim()));
            return new ThresholdPolicy(percents);
        } catch (NumberFormatException e) {
            throw invalid("notify.thresholds", raw, "not a comma separated list of whole percents");
        } catch (IllegalArgumentException e) {
            throw invalid("notify.thresholds", raw, "not usable: " + e.getMessage());
        }
    }

    public WeeklyDigestPolicy weekly() {
        return new WeeklyDigestPolicy(wholeNumber("notify.weekly.first-after-days", 0, 3650),
                wholeNumber("notify.weekly.every-days", 1, 3650));
    }

    public ZoneId zone() {
        String raw = value("notify.zone").orElseThrow();
        try {
            return ZoneId.of(raw);
        } catch (RuntimeException e) {
            throw invalid("notify.zone", raw, "not a time zone (like UTC or Europe/Paris)");
        }
    }

    public NotificationRules rules() {
        return new NotificationRules(thresholds(), weekly(), zone());
    }

    public int concurrency() {
        return wholeNumber("notify.concurrency", 1, 256);
    }

    public Duration claimLease() {
        return duration("notify.claim-lease");
    }

    /** How long, after SIGTERM or SIGINT, the requests in flight may take to finish before the run stops at once. */
    public Duration shutdownGrace() {
        return duration("notify.shutdown-grace");
    }

    public UncertainPolicy uncertainPolicy() {
        String raw = value("notify.uncertain-policy").orElseThrow();
        try {
            return UncertainPolicy.valueOf(raw.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw invalid("notify.uncertain-policy", raw, "neither skip nor resend");
        }
    }

    public RunSettings runSettings() {
        return new RunSettings(concurrency(), claimLease(), uncertainPolicy());
    }

    // ---- showing ------------------------------------------------------------------------------------------

    /** Every key with its value and where it came from, secrets as {@code ****}; for {@code check} and logs. */
    public String describe() {
        Set<String> keys = new TreeSet<>(DEFAULTS.keySet());
        keys.addAll(campaignKeys());
        file.keySet().stream().filter(k -> PREFIXES.stream().anyMatch(k::startsWith)).forEach(keys::add);
        env.keySet().stream().filter(e -> e.startsWith(envName(CAMPAIGN_PREFIX)))
                .map(e -> CAMPAIGN_PREFIX + e.substring(envName(CAMPAIGN_PREFIX).length()).toLowerCase(Locale.ROOT).replace('_', '-'))
                .forEach(keys::add);
        StringBuilder out = new StringBuilder();
        for (String key : keys) {
            Optional<String> value = value(key);
            String shown = value.map(v -> isSecret(key) ? Secrets.MASK : Secrets.mask(v, Secrets.inUrl(v)))
                    .orElse("(not set)");
            out.append(key).append(" = ").append(shown);
            if (value.isPresent()) out.append("  (").append(source(key)).append(')');
            out.append('\n');
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return "Config[" + (fileName == null ? "no file" : fileName) + ", " + describe().lines().count() + " keys, secrets masked]";
    }

    // ---- reading ------------------------------------------------------------------------------------------

    /** The value of a key: the environment's, else the file's, else the default; blank counts as not set. */
    Optional<String> value(String key) {
        String fromEnv = env.get(envName(key));
        if (fromEnv != null && !fromEnv.isBlank()) return Optional.of(fromEnv.trim());
        String fromFile = file.get(key);
        if (fromFile != null && !fromFile.isBlank()) return Optional.of(fromFile.trim());
        return Optional.ofNullable(DEFAULTS.get(key));
    }

    /** Where the value of a key comes from, for problems and {@link #describe()}. */
    String source(String key) {
        String fromEnv = env.get(envName(key));
        if (fromEnv != null && !fromEnv.isBlank()) return "from " + envName(key);
        String fromFile = file.get(key);
        if (fromFile != null && !fromFile.isBlank()) return "from " + (fileName == null ? "the configuration" : fileName);
        return "default";
    }

    private String required(String key) {
        return value(key).orElseThrow(() -> missing(key));
    }

    private ConfigException missing(String key) {
        String where = fileName == null ? "a --config file" : fileName;
        return new ConfigException(key + ": missing (set it in " + where + " or " + envName(key) + ")");
    }

    private ConfigException invalid(String key, String raw, String expectation) {
        String shown = isSecret(key) ? Secrets.MASK : Secrets.mask(raw, Secrets.inUrl(raw));
        return new ConfigException(key + ": '" + shown + "' is " + expectation + " (" + source(key) + ")");
    }

    private int wholeNumber(String key, int min, int max) {
        String raw = required(key);
        int n;
        try {
            n = Integer.parseInt(raw.replace("_", ""));
        } catch (NumberFormatException e) {
            throw invalid(key, raw, "not a whole number");
        }
        if (n < min || n > max) throw invalid(key, raw, "not within " + min + ".." + max);
        return n;
    }

    private int concurrencyOr(int fallback) {
        try {
            return concurrency();
        } catch (ConfigException listedElsewhere) {
            return fallback;
        }
    }

    /** ISO-8601 ({@code PT5S}) or a number with a unit: {@code 500ms}, {@code 5s}, {@code 2m}, {@code 1h}, {@code 1d}. */
    private Duration duration(String key) {
        String raw = required(key);
        Duration d;
        Matcher m = SHORT_DURATION.matcher(raw.toLowerCase(Locale.ROOT));
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            d = switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        } else {
            try {
                d = Duration.parse(raw.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw invalid(key, raw, "not a duration (like PT30S, 30s, 500ms or 1h)");
            }
        }
        if (d.isZero() || d.isNegative()) throw invalid(key, raw, "not a positive duration");
        return d;
    }

    /** An http(s) URL without a trailing slash, so that paths can be appended. */
    private URI url(String key) {
        String raw = required(key);
        URI uri;
        try {
            uri = new URI(raw.endsWith("/") ? raw.substring(0, raw.length() - 1) : raw);
        } catch (URISyntaxException e) {
            throw invalid(key, raw, "not an http(s) URL");
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null)
            throw invalid(key, raw, "not an http(s) URL");
        return uri;
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++)
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    private static Map<String, String> defaults() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("db.url", "jdbc:h2:file:./data/license-notify");
        d.put("db.user", null);
        d.put("db.password", null);
        d.put("db.pool-size", null);
        d.put("db.lock-timeout", "PT10S");
        d.put("lms.base-url", null);
        d.put("lms.oauth.token-url", null);
        d.put("lms.oauth.client-id", null);
        d.put("lms.oauth.client-secret", null);
        d.put("lms.page-size", "100");
        d.put("lms.max-pages", "1000");
        d.put("lms.max-page-bytes", "16777216");
        d.put("lms.circuit.failure-threshold", "10");
        d.put("lms.timeout.connect", "PT5S");
        d.put("lms.timeout.read", "PT30S");
        d.put("braze.api-url", null);
        d.put("braze.api-key", null);
        d.put("braze.rate-limit-per-hour", "250000");
        d.put("braze.timeout.connect", "PT5S");
        d.put("braze.timeout.read", "PT30S");
        d.put("notify.error-recipients", null);
        d.put("notify.thresholds", "75,100");
        d.put("notify.weekly.first-after-days", "7");
        d.put("notify.weekly.every-days", "7");
        d.put("notify.zone", "UTC");
        d.put("notify.concurrency", "8");
        d.put("notify.claim-lease", "PT1H");
        d.put("notify.uncertain-policy", "skip");
        d.put("notify.shutdown-grace", "PT20S");
        d.put("admin-portal.base-url", null);
        d.put("security.allow-http", "false");
        // a null default means "no default": Map.of refuses nulls, so a LinkedHashMap keeps them and the order
        return Collections.unmodifiableMap(d);
    }
}
