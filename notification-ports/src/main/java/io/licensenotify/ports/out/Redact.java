package io.licensenotify.ports.out;

import java.util.regex.Pattern;

/**
 * Text that leaves the process (log lines, the ledger's {@code last_error}, the report, the run-error email) carries
 * no email address: admins are named by their ECU id. Adapters that know which address belongs to which admin
 * replace it by the ECU id first; this catches the rest.
 */
public final class Redact {
    /** Deliberately wide: a false positive costs a word of an error message, a miss leaks an address. */
    private static final Pattern EMAIL = Pattern.compile("[\\p{L}\\p{N}._%+'-]+@[\\p{L}\\p{N}-]+(\\.[\\p{L}\\p{N}-]+)+");

    private Redact() {
    }

    /** {@code text} with every email address replaced by {@code <email>}; null stays null. */
    public static String emails(String text) {
        if (text == null || text.indexOf('@') < 0) return text;
        return EMAIL.matcher(text).replaceAll("<email>");
    }
}
