package io.licensenotify.ports.out;

import io.licensenotify.domain.AsOf;
import io.licensenotify.domain.AutoAssignPlan;
import io.licensenotify.domain.Enterprise;
import io.licensenotify.domain.LicenseCounts;
import io.licensenotify.domain.Plan;
import io.licensenotify.domain.Shard;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link Enterprises} promises: its prefilter (SQL in a database) returns exactly the plans that rule 1
 * calls candidates on the day ({@link Plan#isCandidateOn}), at every start and expiry boundary and in any zone, so
 * that the domain's choice of the auto-assign plan never depends on where the data came from. Plans are told apart
 * by their titles; a store keeps their uuids, which break ties of rule 1.
 */
public abstract class EnterprisesContract {
    private static final Duration TICK = Duration.ofMillis(1);

    /** The port under test, reading what {@link #store} wrote. */
    protected abstract Enterprises enterprises();

    /** Writes one enterprise with these plans (each with its uuid, a unique title and its license counts). */
    protected abstract void store(Enterprise enterprise, List<Plan> plans);

    @Test
    public void thePrefilterAndTheDomainAgreeAtEveryStartAndExpiryBoundary() {
        for (ZoneId zone : List.of(ZoneId.of("UTC"), ZoneId.of("America/Los_Angeles"), ZoneId.of("Asia/Tokyo"))) {
            AsOf day = new AsOf(LocalDate.of(2024, 3, 15), zone);
            UUID uuid = UUID.randomUUID();
            Enterprise enterprise = new Enterprise(uuid, "Boundaries " + zone, Optional.of("b-" + uuid));
            List<Plan> plans = boundaryPlans(day, zone.getId());
            store(enterprise, plans);

            List<Plan> read = readOne(enterprise, day);

            Set<String> expected = plans.stream().filter(p -> p.isCandidateOn(day)).map(Plan::title)
                    .collect(Collectors.toSet());
            assertThat(read).as("candidates on %s in %s", day.date(), zone).extracting(Plan::title)
                    .containsExactlyInAnyOrderElementsOf(expected);
            assertThat(AutoAssignPlan.select(read, day).map(Plan::title))
                    .as("the auto-assign plan in %s", zone)
                    .isEqualTo(AutoAssignPlan.select(plans, day).map(Plan::title));
        }
    }

    /** Writes many enterprises at once; a store that can batch them does. */
    protected void storeAll(Map<Enterprise, List<Plan>> enterprises) {
        enterprises.forEach(this::store);
    }

    @Test
    public void eachShardHoldsWhatJavaPutsInItAndTheShardsTogetherHoldEveryEnterpriseOnce() {
        AsOf day = new AsOf(LocalDate.of(2024, 3, 15), ZoneId.of("UTC"));
        Instant start = day.startOfDay();
        Random random = new Random(1616);
        List<UUID> uuids = new ArrayList<>(List.of(UUID.fromString("ffffffff-ffff-4fff-bfff-ffffffffffff"),
                UUID.fromString("00000000-0000-4000-8000-000000000000"),
                UUID.fromString("7fffffff-0000-4000-8000-000000000000"),
                UUID.fromString("80000000-0000-4000-8000-000000000000")));
        while (uuids.size() < 2_000) uuids.add(new UUID(random.nextLong(), random.nextLong()));
        Map<Enterprise, List<Plan>> stored = new LinkedHashMap<>();
        for (UUID u : uuids)
            stored.put(new Enterprise(u, "Shard " + u, Optional.of("s-" + u)),
                    List.of(plan("p-" + u, start.minus(Duration.ofDays(10)), start.plus(Duration.ofDays(10)), true, true)));
        storeAll(stored);

        for (int count : List.of(1, 3, 4, 7)) {
            Map<UUID, Shard> holder = new HashMap<>();
            long total = 0;
            for (int index = 0; index < count; index++) {
                Shard shard = new Shard(index, count);
                List<UUID> read;
                try (Stream<EnterpriseLicenses> share = enterprises().withCandidatePlans(day, shard)) {
                    read = share.map(e -> e.enterprise().uuid()).toList();
                }
                assertThat(read).as("shard %s holds only what Java puts in it", shard).allMatch(shard::contains);
                assertThat(enterprises().countWithCandidatePlans(day, shard)).as("count of shard %s", shard)
                        .isEqualTo(read.size());
                for (UUID u : read)
                    assertThat(holder.put(u, shard)).as("%s is in one shard of %d only", u, count).isNull();
                total += read.size();
            }
            assertThat(holder.keySet()).as("the %d shards together", count).containsAll(uuids);
            assertThat(total).isEqualTo(enterprises().countWithCandidatePlans(day));
        }
    }

    @Test
    public void anEnterpriseWithoutACandidateIsNeitherStreamedNorCounted() {
        AsOf day = new AsOf(LocalDate.of(2024, 3, 15), ZoneId.of("UTC"));
        Enterprise none = new Enterprise(UUID.randomUUID(), "None", Optional.empty());
        Instant start = day.startOfDay();
        store(none, List.of(plan("expired", start.minus(Duration.ofDays(40)), start.minus(TICK), true, true),
                plan("later", day.startOfNextDay(), start.plus(Duration.ofDays(40)), true, true)));
        long counted = enterprises().countWithCandidatePlans(day);

        assertThat(readOne(none, day)).isEmpty();
        try (Stream<EnterpriseLicenses> all = enterprises().withCandidatePlans(day)) {
            assertThat(all.count()).isEqualTo(counted);
        }
    }

    @Test
    public void namedEnterprisesComeWithTheirCandidatePlansOrNoneAndUnknownOnesNotAtAll() {
        AsOf day = new AsOf(LocalDate.of(2024, 3, 15), ZoneId.of("UTC"));
        Instant start = day.startOfDay();
        Enterprise withPlan = new Enterprise(UUID.randomUUID(), "With", Optional.of("with-" + UUID.randomUUID()));
        Enterprise without = new Enterprise(UUID.randomUUID(), "Without", Optional.of("without-" + UUID.randomUUID()));
        Enterprise other = new Enterprise(UUID.randomUUID(), "Other", Optional.of("other-" + UUID.randomUUID()));
        Plan current = plan("current", start.minus(Duration.ofDays(10)), start.plus(Duration.ofDays(10)), true, true);
        store(withPlan, List.of(current, plan("expired", start.minus(Duration.ofDays(40)), start.minus(TICK), true, true)));
        store(without, List.of(plan("inactive", start.minus(Duration.ofDays(10)), start.plus(Duration.ofDays(10)), false, true)));
        store(other, List.of(plan("elsewhere", start.minus(Duration.ofDays(10)), start.plus(Duration.ofDays(10)), true, true)));

        List<EnterpriseLicenses> read;
        try (Stream<EnterpriseLicenses> named = enterprises().of(Set.of(withPlan.uuid(), without.uuid(), UUID.randomUUID()), day)) {
            read = named.toList();
        }

        assertThat(read).extracting(e -> e.enterprise().name()).containsExactlyInAnyOrder("With", "Without");
        assertThat(read).filteredOn(e -> e.enterprise().equals(withPlan)).singleElement()
                .satisfies(e -> assertThat(e.plans()).extracting(Plan::title).containsExactly("current"));
        assertThat(read).filteredOn(e -> e.enterprise().equals(without)).singleElement()
                .satisfies(e -> assertThat(e.plans()).isEmpty());
    }

    private List<Plan> readOne(Enterprise enterprise, AsOf day) {
        try (Stream<EnterpriseLicenses> all = enterprises().withCandidatePlans(day)) {
            return all.filter(e -> e.enterprise().uuid().equals(enterprise.uuid()))
                    .flatMap(e -> e.plans().stream()).toList();
        }
    }

    /** Plans that start and expire a tick either side of the day's edges, with every flag combination. */
    private static List<Plan> boundaryPlans(AsOf day, String tag) {
        Instant from = day.startOfDay();
        Instant to = day.startOfNextDay();
        Instant long_ago = from.minus(Duration.ofDays(100));
        Instant far = to.plus(Duration.ofDays(100));
        List<Instant> starts = List.of(long_ago, from.minus(TICK), from, from.plus(TICK), to.minus(TICK), to, to.plus(TICK));
        List<Instant> expiries = List.of(from.minus(TICK), from, from.plus(TICK), to.minus(TICK), to, far);
        List<Plan> plans = new ArrayList<>();
        int n = 0;
        for (Instant start : starts)
            for (Instant expiry : expiries) {
                if (expiry.isBefore(start)) continue;
                plans.add(plan(tag + " #" + n++, start, expiry, true, true));
            }
        plans.add(plan(tag + " inactive", long_ago, far, false, true));
        plans.add(plan(tag + " not auto-applied", long_ago, far, true, false));
        return plans;
    }

    protected static Plan plan(String title, Instant start, Instant expiration, boolean active, boolean autoApply) {
        return new Plan(UUID.randomUUID(), title, start, expiration, autoApply, active, new LicenseCounts(5, 3, 2, 0));
    }
}
