package io.licensenotify.domain;

import java.util.Objects;

/** An admin that gets nothing, and why. */
public record SkippedAdmin(Admin admin, SkipReason reason) {
    public SkippedAdmin {
        Objects.requireNonNull(admin, "admin");
        Objects.requireNonNull(reason, "reason");
    }
}
