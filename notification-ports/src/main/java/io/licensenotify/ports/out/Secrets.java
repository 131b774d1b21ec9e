package io.licensenotify.ports.out;

import java.io.UnsupportedEncodingException;
import java.net.URLDecoder;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one place that masks secrets in text that leaves the process (messages, log lines, the report, the ledger):
 * every URL form of a password, wherever a driver or library quotes a URL, and the secret values a caller knows.
 * Masked text keeps its shape ({@code password=****}, {@code user:****@host}) so that it still says what went wrong.
 * Email addresses are {@link Redact}'s.
 */
public final class Secrets {
    /** What a masked secret reads as. */
    public static final String MASK = "****";
    /**
     * Known values shorter than this are not searched for: masking every "ab" would shred the message, and such a
     * value protects nothing. Their URL forms are still masked.
     */
    static final int SHORTEST_KNOWN = 4;
    /**
     * {@code password=}, {@code PASSWORD=} (H2), {@code passwd=}, {@code pwd=}, {@code sslpassword=} (pgjdbc),
     * {@code secret=}, {@code token=}, whatever their case, in URLs ({@code ;} {@code ?} {@code &}) and in text; the
     * value ends where a URL parameter or a quoted URL would.
     */
    private static final Pattern KEY_VALUE = Pattern.compile(
            "(?i)([\\w.-]*(?:passw|pwd|secret|token)[\\w.-]*\\s*=\\s*)([^;&\\s\"'<>()\\[\\]]+)");
    /** {@code //user:password@host}: the password of a URL's user info. */
    private static final Pattern USER_INFO = Pattern.compile("(//[^/@\\s:;?#\"'<>]*:)([^/@\\s\"'<>]+)(@)");

    private Secrets() {
    }

    /** {@code text} with every URL form of a password masked; null stays null. */
    public static String mask(String text) {
        return mask(text, List.of());
    }

    /**
     * {@code text} with every URL form of a password masked, and every occurrence of each {@code known} secret
     * (also as its URL-decoded form), such as the password given apart or the one a driver quotes without its key
     * ({@code Incorrect port value : secret@host}). Null stays null.
     */
    public static String mask(String text, Collection<String> known) {
        if (text == null || text.isEmpty()) return text;
        String masked = text;
        List<String> values = new ArrayList<>(known.stream().filter(v -> v != null && v.length() >= SHORTEST_KNOWN).toList());
        values.sort(Comparator.comparingInt(String::length).reversed()); // a value that holds another goes first
        for (String value : values) masked = masked.replace(value, MASK);
        masked = USER_INFO.matcher(masked).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + MASK + m.group(3)));
        return KEY_VALUE.matcher(masked).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + MASK));
    }

    /**
     * The passwords a (JDBC) URL holds: the values of its password-like parameters and of its user info, as written
     * and URL-decoded, so that a message quoting one of them without its key can be masked too.
     */
    public static Set<String> inUrl(String url) {
        Set<String> found = new LinkedHashSet<>();
        if (url == null) return found;
        for (Pattern p : List.of(KEY_VALUE, USER_INFO)) {
            Matcher m = p.matcher(url);
            while (m.find()) {
                found.add(m.group(2));
                found.add(decoded(m.group(2)));
            }
        }
        return found;
    }

    private static String decoded(String value) {
        try {
            return URLDecoder.decode(value, "UTF-8");
        } catch (IllegalArgumentException | UnsupportedEncodingException notEncoded) {
            return value;
        }
    }
}
