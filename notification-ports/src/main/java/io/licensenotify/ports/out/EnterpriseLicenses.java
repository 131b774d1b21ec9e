package io.licensenotify.ports.out;

import io.licensenotify.domain.Enterprise;
import io.licensenotify.domain.Plan;

import java.util.List;
import java.util.Objects;

/**
 * One enterprise with its candidate plans and their license counts, as read from license-manager.
 *
 * @param unreadablePlans a sentence for each candidate plan whose row cannot be read (an id that is no uuid, say):
 *                        it is left out of {@code plans}, and the run names it as bad data of the enterprise
 */
public record EnterpriseLicenses(Enterprise enterprise, List<Plan> plans, List<String> unreadablePlans) {
    public EnterpriseLicenses {
        Objects.requireNonNull(enterprise, "enterprise");
        plans = List.copyOf(plans);
        unreadablePlans = List.copyOf(unreadablePlans);
    }

    /** An enterprise whose plans could all be read. */
    public EnterpriseLicenses(Enterprise enterprise, List<Plan> plans) {
        this(enterprise, plans, List.of());
    }
}
