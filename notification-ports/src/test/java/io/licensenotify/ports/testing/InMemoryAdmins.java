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
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Admins held in memory; an enterprise can be made to fail its lookup. */
public final class InMemoryAdmins implements Admins {
    private final Map<UUID, List<Admin>> admins = new ConcurrentHashMap<>();
    private final Set<UUID> failing = ConcurrentHashMap.newKeySet();
    private final Map<UUID, AdminRoster> rosters = new ConcurrentHashMap<>();
    private final Map<UUID, Supplier<? extends Throwable>> throwing = new ConcurrentHashMap<>();
    private volatile Function<Enterprise, AdminLookupException> everyLookup;
    private final AtomicInteger lookups = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger mostAtOnce = new AtomicInteger();
    private volatile Runnable duringEachLookup = () -> { };

    public InMemoryAdmins add(Enterprise enterprise, Admin... more) {
        admins.computeIfAbsent(enterprise.uuid(), e -> new ArrayList<>()).addAll(Arrays.asList(more));
        return this;
    }

    public InMemoryAdmins failFor(Enterprise enterprise) {
        failing.add(enterprise.uuid());
        return this;
    }

    /** The LMS lists these rows for the enterprise: admins, and rows that are not its admins or cannot be read. */
    public InMemoryAdmins roster(Enterprise enterprise, AdminRoster roster) {
        rosters.put(enterprise.uuid(), roster);
        return this;
    }

    /** The lookup of this enterprise throws what {@code thrown} makes (an {@link Error} too). */
    public InMemoryAdmins throwFor(Enterprise enterprise, Supplier<? extends Throwable> thrown) {
        throwing.put(enterprise.uuid(), thrown);
        return this;
    }

    /** Every lookup fails as {@code failure} says (null: none), e.g. with a run-wide failure of the LMS. */
    public InMemoryAdmins failEvery(Function<Enterprise, AdminLookupException> failure) {
        this.everyLookup = failure;
        return this;
    }

    /** Runs inside each lookup, e.g. to see what else goes on meanwhile, or to make the LMS slow. */
    public InMemoryAdmins duringEachLookup(Runnable action) {
        this.duringEachLookup = action;
        return this;
    }

    public int lookups() {
        return lookups.get();
    }

    /** The most lookups that were in progress at the same time. */
    public int mostAtOnce() {
        return mostAtOnce.get();
    }

    @Override
    public AdminRoster of(Enterprise enterprise) {
        lookups.incrementAndGet();
        mostAtOnce.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        try {
            duringEachLookup.run();
            return lookUp(enterprise);
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private AdminRoster lookUp(Enterprise enterprise) {
        var thrown = throwing.get(enterprise.uuid());
        if (thrown != null) sneakyThrow(thrown.get());
        if (everyLookup != null) throw everyLookup.apply(enterprise);
        if (rosters.containsKey(enterprise.uuid())) return rosters.get(enterprise.uuid());
        if (failing.contains(enterprise.uuid()))
            throw new AdminLookupException(enterprise.uuid(), "/enterprise/api/v1/enterprise-learner/", 500, true,
                    "the LMS answered 500", null);
        return AdminRoster.of(admins.getOrDefault(enterprise.uuid(), List.of()));
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> void sneakyThrow(Throwable t) throws T {
        throw (T) t;
    }
}
