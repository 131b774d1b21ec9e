package io.licensenotify.cli.process;

import io.licensenotify.standin.LmsStandIn;

import java.util.Map;

/** The LMS of the process tests: the stand-in with their client, token and short deadlines. */
final class FakeLms extends LmsStandIn {
    static final String CLIENT_ID = "it-lms-client";
    static final String CLIENT_SECRET = "it-lms-secret-5b0d1c";
    static final String TOKEN = "it-lms-jwt-93fe27a1";

    FakeLms() {
        super(CLIENT_ID, CLIENT_SECRET, TOKEN);
    }

    /** The configuration keys that point the command at this LMS. */
    Map<String, String> config() {
        return Map.of("lms.base-url", baseUrl().toString(), "lms.oauth.client-id", CLIENT_ID,
                "lms.oauth.client-secret", CLIENT_SECRET, "lms.timeout.read", "PT2S", "lms.timeout.connect", "PT2S");
    }
}
