package io.licensenotify.cli;

/**
 * Text from outside (license-manager's tables, the LMS, Braze's answers) shown as data: line
 * breaks and other control characters escaped, so that a value can neither start a line of its own in a log or the
 * summary, nor move a terminal's cursor or reorder what it shows (bidirectional overrides).
 */
final class Printable {
    private Printable() {
    }

    /** {@code text} with {@code \n} and {@code \r} written as such and other control characters as {@code \}{@code uXXXX}. */
    static String of(String text) {
        if (text == null) return null;
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String escaped = c == '\n' ? "\\n" : c == '\r' ? "\\r" : unsafe(c) ? String.format("\\u%04x", (int) c) : null;
            if (escaped != null && out == null) out = new StringBuilder(text.length() + 16).append(text, 0, i);
            if (out != null) {
                if (escaped != null) out.append(escaped);
                else out.append(c);
            }
        }
        return out == null ? text : out.toString();
    }

    private static boolean unsafe(char c) {
        return (Character.isISOControl(c) && c != '\t') || c == '\u2028' || c == '\u2029'
                || (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069');
    }
}
