package io.licensenotify.ports.testing;

import io.licensenotify.domain.AsOf;
import io.licensenotify.domain.Enterprise;
import io.licensenotify.domain.Plan;
import io.licensenotify.domain.Shard;
import io.licensenotify.ports.out.EnterpriseLicenses;
import io.licensenotify.ports.out.Enterprises;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/** License data held in memory; returns, like the database adapter, only candidate plans. */
public final class InMemoryEnterprises implements Enterprises {
    private final List<EnterpriseLicenses> all = new CopyOnWriteArrayList<>();
    private volatile int failAfter = -1;
    private volatile RuntimeException failure;

    /** The stream of license data breaks after {@code n} enterprises, as a lost database connection does. */
    public InMemoryEnterprises failAfter(int n, RuntimeException failure) {
        this.failAfter = n;
        this.failure = failure;
        return this;
    }

    public InMemoryEnterprises add(Enterprise enterprise, Plan... plans) {
        all.add(new EnterpriseLicenses(enterprise, Arrays.asList(plans)));
        return this;
    }

    /** Replaces an enterprise's plans, for example to raise its utilization between two runs. */
    public InMemoryEnterprises replace(Enterprise enterprise, Plan... plans) {
        all.removeIf(e -> e.enterprise().uuid().equals(enterprise.uuid()));
        return add(enterprise, plans);
    }

    @Override
    public Stream<EnterpriseLicenses> withCandidatePlans(AsOf day, Shard shard) {
        List<EnterpriseLicenses> candidates = candidates(day, shard);
        if (failAfter < 0) return candidates.stream();
        return java.util.stream.IntStream.range(0, candidates.size()).mapToObj(i -> {
            if (i >= failAfter) throw failure;
            return candidates.get(i);
        });
    }

    @Override
    public Stream<EnterpriseLicenses> of(Set<UUID> enterprises, AsOf day) {
        List<EnterpriseLicenses> out = new ArrayList<>();
        for (EnterpriseLicenses e : all) {
            if (!enterprises.contains(e.enterprise().uuid())) continue;
            out.add(new EnterpriseLicenses(e.enterprise(), e.plans().stream().filter(p -> p.isCandidateOn(day)).toList()));
        }
        return out.stream();
    }

    @Override
    public long countWithCandidatePlans(AsOf day, Shard shard) {
        return candidates(day, shard).size();
    }

    private List<EnterpriseLicenses> candidates(AsOf day, Shard shard) {
        List<EnterpriseLicenses> out = new ArrayList<>();
        for (EnterpriseLicenses e : all) {
            if (!shard.contains(e.enterprise().uuid())) continue;
            List<Plan> plans = e.plans().stream().filter(p -> p.isCandidateOn(day)).toList();
            if (!plans.isEmpty()) out.add(new EnterpriseLicenses(e.enterprise(), plans));
        }
        return out;
    }
}
