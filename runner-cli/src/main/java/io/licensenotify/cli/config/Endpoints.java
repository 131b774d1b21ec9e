package io.licensenotify.cli.config;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The endpoints that receive a secret (the LMS client secret and its token, the Braze API key) are
 * reached over https, unless they are on this machine (a stand-in, a sidecar proxy) or the operator set
 * {@code security.allow-http=true}.
 */
final class Endpoints {
    /** The keys whose endpoint receives a secret, in the order problems and warnings name them. */
    static final List<Key<URI>> KEYS = List.of(Keys.LMS_BASE_URL, Keys.LMS_TOKEN_URL, Keys.BRAZE_API_URL);
    private static final String ALLOW_HTTP = Keys.ALLOW_HTTP.name();
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private Endpoints() {
    }

    /** True when {@code url} would carry a secret in clear across a network: http to a host not on this machine. */
    static boolean cleartext(URI url) {
        return "http".equalsIgnoreCase(url.getScheme()) && !loopback(url.getHost());
    }

    /**
     * {@code localhost}, 127.0.0.0/8 and ::1, read from the URL as written: no name is looked up, so a name that
     * resolves to this machine today (or to another one tomorrow) does not count.
     */
    static boolean loopback(String host) {
        if (host == null) return false;
        String h = host.toLowerCase(Locale.ROOT);
        if (h.equals("localhost")) return true;
        boolean v6 = h.startsWith("[") && h.endsWith("]");
        if (!v6 && !IPV4.matcher(h).matches()) return false;
        try {
            // a literal address: parsed, never looked up
            return InetAddress.getByName(v6 ? h.substring(1, h.length() - 1) : h).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** What is wrong with a cleartext endpoint, for {@code <key>: '<url>' is ...}. */
    static String refusal(String key) {
        return "cleartext http to another host, which would carry "
                + (key.startsWith("braze") ? "the Braze API key" : "the LMS client secret and token")
                + " unencrypted: use https://, or set " + ALLOW_HTTP + "=true if this network is trusted";
    }

    static String warning(List<String> keys) {
        return ALLOW_HTTP + "=true: " + String.join(", ", keys) + " use cleartext http to another host; the secrets"
                + " they receive cross the network unencrypted";
    }
}
