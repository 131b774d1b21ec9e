package io.licensenotify.cli.config;

import io.licensenotify.text.SafeText;

import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The configuration of docs/operating.md "Commands" and "Configuration": a properties file ({@code --config FILE}) and the
 * environment, where the environment wins. Every key has an environment name: upper case with {@code .} and
 * {@code -} as {@code _} ({@code lms.base-url} is {@code LMS_BASE_URL}). An empty value counts as not set.
 * <p>
 * The keys, their defaults and how each is read are the registry {@link Keys}; {@link #get} reads one, typed, and
 * {@link #validated(Needs)} reads every one a command needs and lists every problem at once, each naming its key and
 * where its value came from. Secrets are masked in {@link #describe()} and {@link #toString()} and never quoted in a
 * problem.
 */
public final class Config {
    /** What a command needs configured. */
    public enum Needs {
        /** {@code migrate}, {@code history}: only the database. */
        DATABASE,
        /** {@code send}, {@code check}: the database, the LMS, Braze, the campaigns and the rules. */
        EVERYTHING
    }

    static final String CAMPAIGN_PREFIX = "braze.campaign.";
    /** Words that make an unknown (mistyped) key a secret: {@code db.passwd}, {@code braze.apikey}, {@code x.token}. */
    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(pass|pwd|secret|key|token|credential).*");
    /** Keys that start so are ours: {@code check} lists them, and a file's unknown ones are typos. */
    static final List<String> PREFIXES = List.of("db.", "lms.", "braze.", "notify.", "admin-portal.", "security.",
            "metrics.");

    private final Map<String, String> file;
    private final String fileName;
    private final Map<String, String> env;
    /** What reading the file found: keys set twice, a file others can read. */
    private final ConfigFile read;

    private Config(Map<String, String> file, String fileName, Map<String, String> env, ConfigFile read) {
        this.file = Collections.unmodifiableMap(new TreeMap<>(file));
        this.fileName = fileName;
        this.env = Map.copyOf(env);
        this.read = read == null ? new ConfigFile(Map.of(), List.of(), List.of()) : read;
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
     * Whether a key's value is a secret, never shown: the registry's secrets, and any other key whose name has
     * {@code pass} (password, passwd), {@code pwd}, {@code secret}, {@code key}, {@code token} or {@code credential}
     * in it, so that a mistyped secret ({@code braze.apikey}, {@code db.passwd}) is masked too. A known key that only
     * names one ({@code lms.oauth.token-url}) is not.
     */
    static boolean isSecret(String key) {
        return Keys.named(key).map(Key::isSecret).orElseGet(() -> SECRET_NAME.matcher(key).matches());
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
            String key = Keys.ALL.stream().map(Key::name).filter(k -> envName(k).equals(name)).findFirst()
                    .orElse(name.toLowerCase(Locale.ROOT).replace('_', '.'));
            if (PREFIXES.stream().anyMatch(key::startsWith) && isSecret(key) && !v.isBlank()) values.add(v.trim());
        });
        Keys.ALL.stream().filter(Key::isSecret).forEach(k -> value(k.name()).ifPresent(values::add));
        value(Keys.DB_URL.name()).ifPresent(url -> values.addAll(SafeText.secretsInUrl(url)));
        return values;
    }

    // ---- reading ------------------------------------------------------------------------------------------

    /**
     * The value of {@code key}: as set (the environment's, else the file's), else its default.
     *
     * @throws ConfigException naming the key when it is set to something it does not take, or unset and required
     */
    public <T> T get(Key<T> key) {
        Optional<String> raw = set(key.name());
        if (raw.isEmpty()) return key.whenUnset(this);
        try {
            return key.parser().parse(raw.get());
        } catch (Parser.Invalid e) {
            throw invalid(key.name(), e.shown() == null ? raw.get() : e.shown(), e.expectation());
        }
    }

    /** The value of {@code key}, or {@code fallback} when it cannot be read (its own problem is listed already). */
    <T> T getOr(Key<T> key, T fallback) {
        try {
            return get(key);
        } catch (ConfigException listedElsewhere) {
            return fallback;
        }
    }

    /** The text of a key: as set, else the default the registry shows; blank counts as not set. */
    Optional<String> value(String key) {
        return set(key).or(() -> Keys.named(key).flatMap(Key::shownDefault));
    }

    private Optional<String> set(String key) {
        String fromEnv = env.get(envName(key));
        if (fromEnv != null && !fromEnv.isBlank()) return Optional.of(fromEnv.trim());
        String fromFile = file.get(key);
        if (fromFile != null && !fromFile.isBlank()) return Optional.of(fromFile.trim());
        return Optional.empty();
    }

    /** Where the value of a key comes from, for problems and {@link #describe()}. */
    String source(String key) {
        String fromEnv = env.get(envName(key));
        if (fromEnv != null && !fromEnv.isBlank()) return "from " + envName(key);
        String fromFile = file.get(key);
        if (fromFile != null && !fromFile.isBlank()) return "from " + (fileName == null ? "the configuration" : fileName);
        return Keys.named(key).filter(k -> k.shownDefault().isEmpty())
                .map(k -> "default: " + k.documentedDefault().replace("`", "")).orElse("default");
    }

    /** The effective value of an unset key whose default follows from others ({@code db.pool-size}), if it has one. */
    private Optional<String> derived(String key) {
        return Keys.named(key).flatMap(k -> {
            try {
                return Optional.of(shownValue(k));
            } catch (ConfigException cannotBeTold) {
                return Optional.empty(); // required and missing, or follows from a key that is: "(not set)"
            }
        }).filter(v -> !v.isBlank() && !v.equals("Optional.empty") && !v.equals("[]"));
    }

    private <T> String shownValue(Key<T> key) {
        T value = get(key);
        return value instanceof Optional<?> o ? o.map(String::valueOf).orElse("") : key.parser().show(value);
    }

    ConfigException missing(String key) {
        String where = fileName == null ? "a --config file" : fileName;
        return new ConfigException(key + ": missing (set it in " + where + " or " + envName(key) + ")");
    }

    ConfigException invalid(String key, String raw, String expectation) {
        return new ConfigException(key + ": '" + shown(key, raw) + "' is " + expectation + " (" + source(key) + ")");
    }

    private static String shown(String key, String raw) {
        return isSecret(key) ? SafeText.MASK : SafeText.withoutSecrets(raw, SafeText.secretsInUrl(raw));
    }

    Map<String, String> file() {
        return file;
    }

    Map<String, String> env() {
        return env;
    }

    String fileName() {
        return fileName;
    }

    ConfigFile read() {
        return read;
    }

    // ---- checking -----------------------------------------------------------------------------------------

    /**
     * This configuration, when everything {@code needs} asks for is present and valid; else every problem, with the
     * warnings beside them (an unknown key is often why a known one is missing).
     */
    public Config validated(Needs needs) {
        List<String> problems = problems(needs);
        if (!problems.isEmpty()) throw new ConfigException(problems, warnings());
        return this;
    }

    /** Every problem of the values a command needs, each naming its key; empty when it can run. */
    public List<String> problems(Needs needs) {
        return Validation.problems(this, needs);
    }

    /** Unknown keys that look like ours (typos), what reading the file found, and cleartext endpoints allowed. */
    public List<String> warnings() {
        return Validation.warnings(this);
    }

    // ---- showing ------------------------------------------------------------------------------------------

    /** Every key with its value and where it came from, secrets as {@code ****}; for {@code check} and logs. */
    public String describe() {
        Set<String> keys = new TreeSet<>();
        Keys.ALL.forEach(k -> keys.add(k.name()));
        keys.addAll(Validation.campaignKeys(this));
        file.keySet().stream().filter(k -> PREFIXES.stream().anyMatch(k::startsWith)).forEach(keys::add);
        String campaignEnv = envName(CAMPAIGN_PREFIX);
        env.keySet().stream().filter(e -> e.startsWith(campaignEnv))
                .map(e -> CAMPAIGN_PREFIX + e.substring(campaignEnv.length()).toLowerCase(Locale.ROOT).replace('_', '-'))
                .forEach(keys::add);
        StringBuilder out = new StringBuilder();
        for (String key : keys) {
            Optional<String> value = value(key).or(() -> derived(key));
            out.append(key).append(" = ").append(value.map(v -> shown(key, v)).orElse("(not set)"));
            if (value.isPresent()) out.append("  (").append(source(key)).append(')');
            out.append('\n');
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return "Config[" + (fileName == null ? "no file" : fileName) + ", " + describe().lines().count() + " keys, secrets masked]";
    }
}
