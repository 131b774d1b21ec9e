package io.licensenotify.ports.out;

import io.licensenotify.domain.Enterprise;
import io.licensenotify.domain.Plan;

import java.util.List;
import java.util.Objects;

/** One enterprise with its candidate plans and their license counts, as read from license-manager. */
public record EnterpriseLicenses(Enterprise enterprise, List<Plan> plans) {
    public EnterpriseLicenses {
        Objects.requireNonNull(enterprise, "enterprise");
        plans = List.copyOf(plans);
    }
}
