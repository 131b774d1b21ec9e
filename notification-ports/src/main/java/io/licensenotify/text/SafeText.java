package io.licensenotify.text;

import java.io.UnsupportedEncodingException;
import java.net.URLDecoder;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The one place that makes text safe to leave the process (log lines, the ledger's {@code last_error}, the summary,
 * the JSON report, the run-error email): no email address (admins are named by their ECU id), no secret, and no
 * control character from outside that could forge a line or move a terminal's cursor. Callers in the adapters add
 * only what is theirs (Braze's API key, logback's hooks); the patterns are here, once.
 */
public final class SafeText {
    /** What a masked secret reads as. */
    public static final String MASK = "****";
    /** What an address no caller could name reads as. */
    public static final String EMAIL = "<email>";
    /**
     * Known values shorter than this are not searched for: masking every "ab" would shred the message, and such a
     * value protects nothing. Their URL forms are still masked.
     */
    static final int SHORTEST_KNOWN = 4;

    /** An address's local part: letters and digits of any script (admins' names hold them), and {@code ._%+'-}. */
    private static final String LOCAL = "[\\p{L}\\p{N}._%+'-]";
    /** A label of an address's domain: letters and digits of any script, and {@code -}. */
    private static final String LABEL = "[\\p{L}\\p{N}-]";
    /** Deliberately wide: a false positive costs a word of an error message, a miss leaks an address. */
    private static final Pattern ADDRESS = Pattern.compile(LOCAL + "+@" + LABEL + "+(\\." + LABEL + "+)+");
    /** What may not come right before a whole address: a match there would be only the end of a longer one. */
    private static final String BEFORE = "(?<!" + LOCAL + ")";
    /** An address goes on while a label's character, or a dot and a letter or digit, follows. */
    private static final String AFTER = "(?!" + LABEL + "|\\.[\\p{L}\\p{N}])";

    /**
     * {@code password=}, {@code PASSWORD=} (H2), {@code passwd=}, {@code pwd=}, {@code sslpassword=} (pgjdbc),
     * {@code secret=}, {@code token=}, whatever their case, in URLs ({@code ;} {@code ?} {@code &}) and in text; the
     * value ends where a URL parameter or a quoted URL would.
     */
    private static final Pattern KEY_VALUE = Pattern.compile(
            "(?i)([\\w.-]*(?:passw|pwd|secret|token)[\\w.-]*\\s*=\\s*)([^;&\\s\"'<>()\\[\\]]+)");
    /** {@code //user:password@host}: the password of a URL's user info. */
    private static final Pattern USER_INFO = Pattern.compile("(//[^/@\\s:;?#\"'<>]*:)([^/@\\s\"'<>]+)(@)");

    private SafeText() {
    }

    /** {@code text} with every email address replaced by {@code <email>}; null stays null. */
    public static String withoutEmails(String text) {
        if (text == null || text.indexOf('@') < 0) return text;
        return ADDRESS.matcher(text).replaceAll(EMAIL);
    }

    /**
     * Replaces each of the given addresses, in any case and only as a whole address, by its name (an admin's
     * {@code ECU 1001}), so that an operator still sees whom an answer meant; other addresses are left to
     * {@link #withoutEmails}.
     */
    public static UnaryOperator<String> naming(Map<String, String> nameByAddress) {
        if (nameByAddress.keySet().stream().allMatch(String::isEmpty)) return UnaryOperator.identity();
        return new Naming(new LinkedHashMap<>(nameByAddress)); // in its order: the first of two spellings wins
    }

    /**
     * {@link #naming}'s operator. Its pattern is made the first time it meets an {@code @}: a Braze request builds
     * one for the answer it may never need to clean, and compiling fifty addresses for each request was 2 % of a
     * run's CPU (BENCHMARKS.md, "Where a packed run's CPU goes").
     */
    private static final class Naming implements UnaryOperator<String> {
        private final Map<String, String> nameByAddress;
        private Compiled compiled; // guarded by this

        Naming(Map<String, String> nameByAddress) {
            this.nameByAddress = nameByAddress;
        }

        @Override
        public String apply(String text) {
            if (text == null || text.indexOf('@') < 0) return text;
            Compiled c = compiled();
            return c.addresses.matcher(text).replaceAll(m -> {
                String name = c.byLowerCase.get(m.group().toLowerCase(Locale.ROOT));
                return name == null ? EMAIL : Matcher.quoteReplacement(name);
            });
        }

        private synchronized Compiled compiled() {
            if (compiled == null) {
                Map<String, String> byLowerCase = nameByAddress.entrySet().stream()
                        .filter(e -> !e.getKey().isEmpty())
                        .collect(Collectors.toMap(e -> e.getKey().toLowerCase(Locale.ROOT), Map.Entry::getValue,
                                (a, b) -> a));
                Pattern addresses = Pattern.compile(BEFORE + "(?:" + byLowerCase.keySet().stream()
                        .sorted(Comparator.comparingInt(String::length).reversed())
                        .map(Pattern::quote)
                        .collect(Collectors.joining("|")) + ")" + AFTER, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
                compiled = new Compiled(byLowerCase, addresses);
            }
            return compiled;
        }

        /** The addresses by their lower case, and the pattern that finds any of them. */
        private record Compiled(Map<String, String> byLowerCase, Pattern addresses) {
        }
    }

    /** {@code text} with every URL form of a password masked; null stays null. */
    public static String withoutSecrets(String text) {
        return withoutSecrets(text, List.of());
    }

    /**
     * {@code text} with every URL form of a password masked ({@code password=****}, {@code user:****@host}: it keeps
     * its shape, so that it still says what went wrong), and every occurrence of each {@code known} secret (also as
     * its URL-decoded form), such as the password given apart or the one a driver quotes without its key
     * ({@code Incorrect port value : secret@host}). Null stays null.
     */
    public static String withoutSecrets(String text, Collection<String> known) {
        if (text == null || text.isEmpty()) return text;
        String masked = text;
        List<String> values = new ArrayList<>(known.stream()
                .filter(v -> v != null && v.length() >= SHORTEST_KNOWN).toList());
        values.sort(Comparator.comparingInt(String::length).reversed()); // a value that holds another goes first
        for (String value : values) masked = masked.replace(value, MASK);
        masked = USER_INFO.matcher(masked).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + MASK + m.group(3)));
        return KEY_VALUE.matcher(masked).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + MASK));
    }

    /**
     * The passwords a (JDBC) URL holds: the values of its password-like parameters and of its user info, as written
     * and URL-decoded, so that a message quoting one of them without its key can be masked too.
     */
    public static Set<String> secretsInUrl(String url) {
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

    /**
     * Text from outside (license-manager's tables, the LMS, Braze's answers) shown as data: {@code \n} and {@code \r}
     * written as such and other control characters as {@code \}{@code uXXXX}, so that a value can neither start a
     * line of its own in a log or the summary, nor move a terminal's cursor or reorder what it shows (bidirectional
     * overrides). Null stays null; text with nothing to escape is returned as it is.
     */
    public static String printable(String text) {
        if (text == null) return null;
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String escaped = c == '\n' ? "\\n" : c == '\r' ? "\\r"
                    : unsafe(c) ? String.format("\\u%04x", (int) c) : null;
            if (escaped != null && out == null) out = new StringBuilder(text.length() + 16).append(text, 0, i);
            if (out != null) {
                if (escaped != null) out.append(escaped);
                else out.append(c);
            }
        }
        return out == null ? text : out.toString();
    }

    /**
     * What a person reads of text from outside (the summary, {@code history}):
     * {@link #withoutEmails}, then {@link #printable}.
     */
    public static String printableWithoutEmails(String text) {
        return printable(withoutEmails(text));
    }

    private static boolean unsafe(char c) {
        return (Character.isISOControl(c) && c != '\t') || c == '\u2028' || c == '\u2029'
                || (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069');
    }
}
