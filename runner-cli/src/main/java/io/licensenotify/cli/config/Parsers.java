package io.licensenotify.cli.config;

import io.licensenotify.domain.ThresholdPolicy;
import io.licensenotify.domain.UncertainPolicy;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The kinds of configuration values, each with the message that says what the key expects. */
public final class Parsers {
    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    private Parsers() {
    }

    public static Parser<String> text() {
        return raw -> raw;
    }

    /** A whole number within {@code min..max}; {@code 250_000} may be written with underscores. */
    public static Parser<Integer> wholeNumber(int min, int max) {
        return raw -> {
            int n;
            try {
                n = Integer.parseInt(raw.replace("_", ""));
            } catch (NumberFormatException e) {
                throw new Parser.Invalid("not a whole number");
            }
            if (n < min || n > max) throw new Parser.Invalid("not within " + min + ".." + max);
            return n;
        };
    }

    /** ISO-8601 ({@code PT5S}) or a number with a unit: {@code 500ms}, {@code 5s}, {@code 2m}, {@code 1h}, {@code 1d}. */
    public static Parser<Duration> duration() {
        return raw -> {
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
                    throw new Parser.Invalid("not a duration (like PT30S, 30s, 500ms or 1h)");
                }
            }
            if (d.isZero() || d.isNegative()) throw new Parser.Invalid("not a positive duration");
            return d;
        };
    }

    /** An http(s) URL without a trailing slash, so that paths can be appended. */
    public static Parser<URI> httpUrl() {
        return raw -> {
            URI uri;
            try {
                uri = new URI(raw.replaceAll("/+$", ""));
            } catch (URISyntaxException | IllegalArgumentException e) {
                throw new Parser.Invalid("not an http(s) URL");
            }
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null)
                throw new Parser.Invalid("not an http(s) URL");
            return uri;
        };
    }

    /** A file whose folder exists (the file itself may not yet): checked when the configuration is, not after a run. */
    public static Parser<Path> fileInAFolder() {
        return raw -> {
            Path file;
            try {
                file = Path.of(raw).toAbsolutePath();
            } catch (InvalidPathException e) {
                throw new Parser.Invalid("not a file name");
            }
            if (Files.isDirectory(file)) throw new Parser.Invalid("a folder, not a file");
            if (file.getParent() == null || !Files.isDirectory(file.getParent()))
                throw new Parser.Invalid("in a folder that does not exist");
            return file;
        };
    }

    /** A JDBC URL of a database the product supports; the rest of a wrong one is not quoted (it may hold a password). */
    public static Parser<String> jdbcUrl() {
        return raw -> {
            if (!raw.matches("jdbc:(h2|mariadb|mysql|postgresql):.+"))
                throw new Parser.Invalid("not a supported database (jdbc:h2:, jdbc:mariadb:, jdbc:mysql: or jdbc:postgresql:)",
                        raw.replaceAll("^(jdbc:[^:]*:).*", "$1..."));
            return raw;
        };
    }

    public static Parser<Boolean> bool() {
        return raw -> switch (raw.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new Parser.Invalid("neither true nor false");
        };
    }

    public static Parser<ZoneId> zone() {
        return raw -> {
            try {
                return ZoneId.of(raw);
            } catch (RuntimeException e) {
                throw new Parser.Invalid("not a time zone (like UTC or Europe/Paris)");
            }
        };
    }

    /** Comma separated, blanks left out: {@code ops-1, ops-2}. */
    public static Parser<List<String>> list() {
        return new Parser<>() {
            @Override
            public List<String> parse(String raw) {
                return Arrays.stream(raw.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
            }

            @Override
            public String show(List<String> value) {
                return String.join(",", value);
            }
        };
    }

    public static Parser<ThresholdPolicy> thresholds() {
        return new Parser<>() {
            @Override
            public ThresholdPolicy parse(String raw) {
                try {
                    List<Integer> percents = new ArrayList<>();
                    for (String part : raw.split(",")) percents.add(Integer.parseInt(part.trim()));
                    return new ThresholdPolicy(percents);
                } catch (NumberFormatException e) {
                    throw new Parser.Invalid("not a comma separated list of whole percents");
                } catch (IllegalArgumentException e) {
                    throw new Parser.Invalid("not usable: " + e.getMessage());
                }
            }

            @Override
            public String show(ThresholdPolicy value) {
                return value.percents().stream().map(String::valueOf).collect(Collectors.joining(","));
            }
        };
    }

    public static Parser<UncertainPolicy> uncertainPolicy() {
        return new Parser<>() {
            @Override
            public UncertainPolicy parse(String raw) {
                try {
                    return UncertainPolicy.valueOf(raw.toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    throw new Parser.Invalid("neither skip nor resend");
                }
            }

            @Override
            public String show(UncertainPolicy value) {
                return value.name().toLowerCase(Locale.ROOT);
            }
        };
    }

    /** One of the enum's constants, written in lower case ({@code packed}, {@code enterprise}). */
    public static <E extends Enum<E>> Parser<E> oneOf(Class<E> type) {
        return new Parser<>() {
            @Override
            public E parse(String raw) {
                for (E e : type.getEnumConstants())
                    if (e.name().equalsIgnoreCase(raw.trim())) return e;
                throw new Parser.Invalid("is none of " + java.util.Arrays.stream(type.getEnumConstants())
                        .map(this::show).collect(Collectors.joining(", ")));
            }

            @Override
            public String show(E value) {
                return value.name().toLowerCase(Locale.ROOT);
            }
        };
    }
}
