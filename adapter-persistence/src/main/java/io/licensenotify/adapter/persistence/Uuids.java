package io.licensenotify.adapter.persistence;

import java.util.UUID;

/** license-manager's UUIDs: 32 hex digits on MySQL/MariaDB, the dashed form of a native uuid on PostgreSQL. */
final class Uuids {
    private Uuids() {
    }

    static UUID parse(String text) {
        if (text == null) throw new IllegalArgumentException("uuid is missing");
        String t = text.trim();
        if (t.length() == 32 && t.indexOf('-') < 0)
            t = t.substring(0, 8) + "-" + t.substring(8, 12) + "-" + t.substring(12, 16) + "-"
                    + t.substring(16, 20) + "-" + t.substring(20);
        return UUID.fromString(t);
    }
}
