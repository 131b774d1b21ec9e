package io.licensenotify.cli.config;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * One configuration key of the registry ({@link Keys}): its name, how its value is read, what it is when not set, whether
 * it is a secret, which commands need it, and one line of help. Its environment name follows from its name
 * ({@link Config#envName}).
 *
 * @param <T> the type of its value
 */
public final class Key<T> {
    private final String name;
    private final Parser<T> parser;
    private final Function<Config, T> whenUnset;
    private final String shownDefault;
    private final String documentedDefault;
    private final boolean secret;
    private final Config.Needs need;
    private final String help;

    private Key(String name, Parser<T> parser, Function<Config, T> whenUnset, String shownDefault,
                String documentedDefault, boolean secret, Config.Needs need, String help) {
        this.name = Objects.requireNonNull(name, "name");
        this.parser = Objects.requireNonNull(parser, "parser");
        this.whenUnset = Objects.requireNonNull(whenUnset, "whenUnset");
        this.shownDefault = shownDefault;
        this.documentedDefault = Objects.requireNonNull(documentedDefault, "documentedDefault");
        this.secret = secret;
        this.need = Objects.requireNonNull(need, "need");
        this.help = Objects.requireNonNull(help, "help");
    }

    /** A key without a default: a command that needs it cannot run without it. */
    public static <T> Key<T> required(String name, Parser<T> parser, String help) {
        return new Key<>(name, parser, config -> {
            throw config.missing(name);
        }, null, "required", false, Config.Needs.EVERYTHING, help);
    }

    /** A key whose default is {@code value}, shown by {@code check} and docs/operating.md as {@code parser.show(value)}. */
    public static <T> Key<T> withDefault(String name, T value, Parser<T> parser, String help) {
        Objects.requireNonNull(value, "value");
        String shown = parser.show(value);
        return new Key<>(name, parser, config -> value, shown, shown, false, Config.Needs.EVERYTHING, help);
    }

    /** A key that may stay unset; then its value is {@code whenUnset} ("none" in docs/operating.md). */
    public static <T> Key<T> unset(String name, T whenUnset, Parser<T> parser, String help) {
        return new Key<>(name, parser, config -> whenUnset, null, "none", false, Config.Needs.EVERYTHING, help);
    }

    /** A key that may stay unset, then empty. */
    public static <T> Key<Optional<T>> optional(String name, Parser<T> parser, String help) {
        Parser<Optional<T>> optional = raw -> Optional.of(parser.parse(raw));
        return unset(name, Optional.empty(), optional, help);
    }

    /**
     * A key whose default follows from other keys.
     *
     * @param documented the default as docs/operating.md writes it: {@code `notify.concurrency` + 2}
     */
    public static <T> Key<T> derived(String name, Parser<T> parser, Function<Config, T> derive, String documented,
                                     String help) {
        return new Key<>(name, parser, derive, null, documented, false, Config.Needs.EVERYTHING, help);
    }

    /** This key, its value never shown (in {@code check}, problems, logs and errors). */
    public Key<T> secret() {
        return new Key<>(name, parser, whenUnset, shownDefault, documentedDefault, true, need, help);
    }

    /** This key, checked for every command ({@code migrate} and {@code history} too), not only {@code send} and {@code check}. */
    public Key<T> forEveryCommand() {
        return new Key<>(name, parser, whenUnset, shownDefault, documentedDefault, secret, Config.Needs.DATABASE, help);
    }

    public String name() {
        return name;
    }

    Parser<T> parser() {
        return parser;
    }

    T whenUnset(Config config) {
        return whenUnset.apply(config);
    }

    /** The default as the configuration would write it, for {@code check}; empty when the key has none of its own. */
    Optional<String> shownDefault() {
        return Optional.ofNullable(shownDefault);
    }

    /** docs/operating.md's default column: a value, {@code required}, {@code none}, or how it follows from other keys. */
    public String documentedDefault() {
        return documentedDefault;
    }

    public boolean isSecret() {
        return secret;
    }

    /** The least a command needs for this key to be checked: {@code DATABASE} means every command. */
    public Config.Needs need() {
        return need;
    }

    public String help() {
        return help;
    }

    @Override
    public String toString() {
        return name;
    }
}
