package io.licensenotify.adapter.braze;

import io.licensenotify.domain.Admin;
import io.licensenotify.text.SafeText;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * What is Braze's own in making text safe ({@link SafeText} does the rest): what leaves the adapter (a reason, a log
 * line, the run-error email) carries neither the API key, which Braze echoes in "Invalid API key: &lt;key&gt;", nor a
 * recipient's address, which Braze's error bodies echo; a recipient is named by its admin's ECU id instead.
 */
final class Redaction {
    private Redaction() {
    }

    static String secret(String text, String secret) {
        if (text == null) return "";
        if (secret == null || secret.isEmpty()) return text;
        return text.replace(secret, SafeText.MASK);
    }

    /** {@code text} without the API key and with every address as {@code <email>}. */
    static String secretAndEmails(String text, String apiKey) {
        return SafeText.withoutEmails(secret(text, apiKey));
    }

    /**
     * Replaces each recipient's address, in any case and only as a whole address, by its admin's ECU id
     * ({@code ECU 1001}), so that an operator still sees whom Braze meant; other addresses are left to
     * {@link SafeText#withoutEmails}.
     */
    static UnaryOperator<String> recipients(Collection<Admin> admins) {
        Map<String, String> ecuByAddress = new LinkedHashMap<>();
        for (Admin admin : admins) ecuByAddress.putIfAbsent(admin.email(), "ECU " + admin.ecuId());
        return SafeText.naming(ecuByAddress);
    }
}
