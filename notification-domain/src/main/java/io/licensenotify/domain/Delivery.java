package io.licensenotify.domain;

import java.util.Objects;

/**
 * One email for one admin: its unique key and what the message needs (the admin and the auto-assign plan).
 * The admin always has an LMS user id.
 */
public record Delivery(DeliveryKey key, Admin admin, Plan plan) {
    public Delivery {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(admin, "admin");
        Objects.requireNonNull(plan, "plan");
        if (admin.ecuId() != key.ecuId())
            throw new IllegalArgumentException("key of ECU " + key.ecuId() + " given admin " + admin.ecuId());
        if (admin.lmsUserId().isEmpty())
            throw new IllegalArgumentException("ECU " + admin.ecuId() + " has no LMS user id and cannot be delivered to");
    }

    public NotificationKind kind() {
        return key.kind();
    }

    public long lmsUserId() {
        return admin.lmsUserId().orElseThrow();
    }
}
