package io.licensenotify.ports.testing;

import io.licensenotify.domain.Admin;
import io.licensenotify.domain.Enterprise;
import io.licensenotify.ports.out.AdminLookupException;
import io.licensenotify.ports.out.AdminRoster;
import io.licensenotify.ports.out.Admins;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Admins held in memory; an enterprise can be made to fail its lookup. */
public final class InMemoryAdmins implements Admins {
    private final Map<UUID, List<Admin>> admins = new ConcurrentHashMap<>();
    private final Set<UUID> failing = ConcurrentHashMap.newKeySet();
    private final AtomicInteger lookups = new AtomicInteger();

    public InMemoryAdmins add(Enterprise enterprise, Admin... more) {
        admins.computeIfAbsent(enterprise.uuid(), e -> new ArrayList<>()).addAll(Arrays.asList(more));
        return this;
    }

    public InMemoryAdmins failFor(Enterprise enterprise) {
        failing.add(enterprise.uuid());
        return this;
    }

    public int lookups() {
        return lookups.get();
    }

    @Override
    public AdminRoster of(Enterprise enterprise) {
        lookups.incrementAndGet();
        if (failing.contains(enterprise.uuid()))
            throw new AdminLookupException(enterprise.uuid(), "/enterprise/api/v1/enterprise-learner/", 500, true,
                    "the LMS answered 500", null);
        return AdminRoster.of(admins.getOrDefault(enterprise.uuid(), List.of()));
    }
}
