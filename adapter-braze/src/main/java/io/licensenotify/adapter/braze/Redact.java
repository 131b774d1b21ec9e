package io.licensenotify.adapter.braze;

/** Removes the API key from text that leaves the adapter: Braze echoes it in "Invalid API key: <key>". */
final class Redact {
    static final String MASK = "***";

    private Redact() {
    }

    static String secret(String text, String secret) {
        if (text == null) return "";
        if (secret == null || secret.isEmpty()) return text;
        return text.replace(secret, MASK);
    }
}
