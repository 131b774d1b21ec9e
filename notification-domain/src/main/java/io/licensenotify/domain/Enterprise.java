package io.licensenotify.domain;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * An enterprise customer as license-manager knows it.
 *
 * @param uuid the enterprise customer uuid (the LMS knows it by this)
 * @param name the name shown in emails; empty when license-manager has none
 * @param slug used in admin-portal links; absent when license-manager has none
 */
public record Enterprise(UUID uuid, String name, Optional<String> slug) {
    public Enterprise {
        Objects.requireNonNull(uuid, "enterprise uuid");
        name = name == null ? "" : name;
        slug = Objects.requireNonNull(slug, "slug").filter(s -> !s.isBlank());
    }

    public static Enterprise of(UUID uuid, String name, String slug) {
        return new Enterprise(uuid, name, Optional.ofNullable(slug));
    }
}
