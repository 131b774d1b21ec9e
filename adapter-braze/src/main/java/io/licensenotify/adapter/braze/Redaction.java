package io.licensenotify.adapter.braze;

import io.licensenotify.domain.Admin;
import io.licensenotify.ports.out.Redact;

import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What leaves the adapter (a reason, a log line, the run-error email) carries neither the API key, which Braze echoes
 * in "Invalid API key: &lt;key&gt;", nor an email address, which Braze's error bodies echo for recipients.
 */
final class Redaction {
    static final String MASK = "***";
    /** Characters that may come right before an address and so would make a match only the end of a longer one. */
    private static final String BEFORE = "(?<![\\p{L}\\p{N}._%+'-])";
    /** An address goes on while letters, digits, a hyphen or a dot and a letter or digit follow. */
    private static final String AFTER = "(?![\\p{L}\\p{N}-]|\\.[\\p{L}\\p{N}])";

    private Redaction() {
    }

    static String secret(String text, String secret) {
        if (text == null) return "";
        if (secret == null || secret.isEmpty()) return text;
        return text.replace(secret, MASK);
    }

    /** {@code text} without the API key and with every address as {@code <email>}. */
    static String secretAndEmails(String text, String apiKey) {
        return Redact.emails(secret(text, apiKey));
    }

    /**
     * Replaces each recipient's address, in any case and only as a whole address, by its admin's ECU id
     * ({@code ECU 1001}), so that an operator still sees whom Braze meant; other addresses are left to
     * {@link Redact#emails}.
     */
    static UnaryOperator<String> recipients(Collection<Admin> admins) {
        Map<String, Long> ecuByAddress = new HashMap<>();
        for (Admin admin : admins)
            if (!admin.email().isEmpty()) ecuByAddress.putIfAbsent(admin.email().toLowerCase(Locale.ROOT), admin.ecuId());
        if (ecuByAddress.isEmpty()) return UnaryOperator.identity();
        String alternatives = ecuByAddress.keySet().stream()
                .sorted(Comparator.comparingInt(String::length).reversed())
                .map(Pattern::quote)
                .collect(Collectors.joining("|"));
        Pattern addresses = Pattern.compile(BEFORE + "(?:" + alternatives + ")" + AFTER,
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
        return text -> text == null || text.indexOf('@') < 0 ? text : addresses.matcher(text).replaceAll(m -> {
            Long ecu = ecuByAddress.get(m.group().toLowerCase(Locale.ROOT));
            return ecu == null ? "<email>" : "ECU " + ecu;
        });
    }
}
