package io.licensenotify.ports.testing;

import io.licensenotify.domain.Delivery;
import io.licensenotify.domain.DeliveryKey;
import io.licensenotify.domain.DeliveryState;
import io.licensenotify.domain.Recorded;
import io.licensenotify.domain.UncertainPolicy;
import io.licensenotify.ports.out.DeliveryHistory;
import io.licensenotify.ports.out.DeliveryLedger;
import io.licensenotify.ports.out.DeliveryRecord;
import io.licensenotify.ports.out.HistoryQuery;
import io.licensenotify.ports.out.OperatorRelease;
import io.licensenotify.ports.out.StaleClaim;
import io.licensenotify.ports.out.StorageException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The ledger in memory, with the same semantics as the database one (its contract test runs on both): the
 * transitions are {@link DeliveryState}'s, one lock makes each call atomic as a transaction does, and its clock
 * stands for the database's. Faults can be injected: the next calls of a method fail, before changing anything.
 */
public final class InMemoryDeliveryLedger implements DeliveryLedger, DeliveryHistory {
    private final Map<DeliveryKey, DeliveryRecord> rows = new LinkedHashMap<>();
    private final Map<DeliveryKey, String> tokens = new HashMap<>();
    private final Map<String, Integer> faults = new HashMap<>();
    private final Clock clock;

    private int windowReads;
    private int claims;

    public InMemoryDeliveryLedger() {
        this(Clock.systemUTC());
    }

    public InMemoryDeliveryLedger(Clock clock) {
        this.clock = clock;
    }

    /**
     * The next {@code times} calls of {@code method} ({@code "claim"}, {@code "settle:SENDING"}, {@code "settle:FAILED"},
     * ...) throw {@code failure} without changing anything.
     */
    public synchronized InMemoryDeliveryLedger failNext(String method, int times) {
        faults.merge(method, times, Integer::sum);
        return this;
    }

    private void maybeFail(String method) {
        Integer left = faults.get(method);
        if (left == null || left == 0) return;
        faults.put(method, left - 1);
        throw new StorageException(method + " failed (injected)", true, null);
    }

    @Override
    public synchronized Map<UUID, Recorded> recorded(Collection<UUID> enterprises) {
        maybeFail("recorded");
        windowReads++;
        return DeliveryLedger.super.recorded(enterprises);
    }

    /** How many claims were made (each one statement on a database). */
    public synchronized int claims() {
        return claims;
    }

    /** How many times the ledger was read for a window of enterprises. */
    public synchronized int windowReads() {
        return windowReads;
    }

    @Override
    public synchronized Recorded recorded(UUID enterprise) {
        Map<DeliveryKey, DeliveryState> out = new HashMap<>();
        rows.forEach((k, r) -> {
            if (k.enterprise().equals(enterprise)) out.put(k, r.state());
        });
        return new Recorded(out);
    }

    @Override
    public synchronized void recordArmed(Collection<Delivery> deliveries, String runId) {
        Instant now = clock.instant();
        for (Delivery d : deliveries)
            rows.putIfAbsent(d.key(), new DeliveryRecord(d.key(), DeliveryState.ARMED, d.lmsUserId(),
                    Optional.of(d.plan().uuid()), now, Optional.of(now), runId, Optional.empty(), 0, Optional.empty()));
    }

    @Override
    public synchronized Claim claim(Collection<Delivery> deliveries, Set<DeliveryKey> sendingNow, String runId) {
        return claim(deliveries, List.of(), sendingNow, runId);
    }

    /** As one statement on a database: a claim that fails records nothing it supersedes either. */
    @Override
    public synchronized Claim claim(Collection<Delivery> deliveries, Collection<Delivery> superseded,
                                    Set<DeliveryKey> sendingNow, String runId) {
        maybeFail("claim");
        Set<DeliveryKey> claimed = new HashSet<>();
        for (Delivery d : deliveries) claimed.add(d.key());
        recordSuperseded(superseded.stream().filter(d -> !claimed.contains(d.key())).toList(), runId);
        claims++;
        String token = UUID.randomUUID().toString();
        Instant now = clock.instant();
        Set<DeliveryKey> won = new HashSet<>();
        for (Delivery d : deliveries) {
            DeliveryRecord existing = rows.get(d.key());
            if (existing != null && !existing.state().mayBeClaimed()) continue;
            DeliveryState state = sendingNow.contains(d.key()) ? DeliveryState.SENDING : DeliveryState.PENDING;
            rows.put(d.key(), new DeliveryRecord(d.key(), state, d.lmsUserId(),
                    Optional.of(d.plan().uuid()), now, Optional.empty(), runId, Optional.empty(),
                    existing == null ? 1 : existing.attempts() + 1,
                    existing == null ? Optional.empty() : existing.lastError(),
                    existing == null ? Optional.empty() : existing.released()));
            tokens.put(d.key(), token);
            won.add(d.key());
        }
        return new Claim(runId, token, won);
    }

    @Override
    public synchronized Set<DeliveryKey> settle(Claim claim, Collection<DeliveryKey> keys, DeliveryState to,
                                                String detail) {
        maybeFail("settle:" + to);
        return move(Set.of(claim.token()), keys, to.settlesFrom(), to, detail);
    }

    /** One call for keys of several claims, as the database ledgers make one statement of it. */
    @Override
    public synchronized Set<DeliveryKey> settleAcross(Collection<Claim> claims, Collection<DeliveryKey> keys,
                                                      DeliveryState to, String detail) {
        maybeFail("settle:" + to);
        return move(tokens(claims), keys, to.settlesFrom(), to, detail);
    }

    @Override
    public synchronized Set<DeliveryKey> releaseAcross(Collection<Claim> claims, Collection<DeliveryKey> keys,
                                                       String reason) {
        maybeFail("release");
        return move(tokens(claims), keys, DeliveryState.releasable(), DeliveryState.FAILED, reason);
    }

    private static Set<String> tokens(Collection<Claim> claims) {
        Set<String> tokens = new HashSet<>();
        for (Claim c : claims) tokens.add(c.token());
        return tokens;
    }

    @Override
    public synchronized Set<DeliveryKey> release(Claim claim, Collection<DeliveryKey> keys, String reason) {
        maybeFail("release");
        return move(Set.of(claim.token()), keys, DeliveryState.releasable(), DeliveryState.FAILED, reason);
    }

    private Set<DeliveryKey> move(Set<String> tokens, Collection<DeliveryKey> keys, Set<DeliveryState> from,
                                  DeliveryState to, String detail) {
        Set<DeliveryKey> lost = new HashSet<>();
        Instant now = clock.instant();
        for (DeliveryKey k : keys) {
            DeliveryRecord r = rows.get(k);
            boolean ours = r != null && this.tokens.get(k) != null && tokens.contains(this.tokens.get(k));
            if (ours && r.state() == to) continue; // settled so already: nothing to do, nothing lost
            if (!ours || !from.contains(r.state())) {
                lost.add(k);
                continue;
            }
            boolean sent = to == DeliveryState.SENT;
            Optional<String> text = Optional.ofNullable(detail).filter(s -> !s.isEmpty());
            rows.put(k, new DeliveryRecord(k, to, r.lmsUserId(), r.plan(), r.claimedAt(),
                    to.isClaim() ? Optional.empty() : Optional.of(now), r.runId(),
                    sent ? text : Optional.empty(), r.attempts(),
                    sent || to == DeliveryState.SENDING || text.isEmpty() ? r.lastError() : text, r.released()));
        }
        return lost;
    }

    @Override
    public synchronized void recordSuperseded(Collection<Delivery> deliveries, String runId) {
        Instant now = clock.instant();
        for (Delivery d : deliveries) {
            DeliveryRecord r = rows.get(d.key());
            if (r != null && !DeliveryState.supersedable().contains(r.state())) continue;
            rows.put(d.key(), new DeliveryRecord(d.key(), DeliveryState.SUPERSEDED, d.lmsUserId(),
                    Optional.of(d.plan().uuid()), now, Optional.of(now), runId, Optional.empty(),
                    r == null ? 0 : r.attempts(), r == null ? Optional.empty() : r.lastError(),
                    r == null ? Optional.empty() : r.released()));
            tokens.remove(d.key());
        }
    }

    @Override
    public synchronized List<StaleClaim> sweepStaleClaims(Duration lease, UncertainPolicy policy,
                                                       io.licensenotify.domain.Shard shard) {
        return sweep(lease, policy, shard::contains);
    }

    @Override
    public synchronized List<StaleClaim> sweepStaleClaims(Duration lease, UncertainPolicy policy,
                                                       Collection<UUID> enterprises) {
        Set<UUID> named = Set.copyOf(enterprises);
        return sweep(lease, policy, named::contains);
    }

    private List<StaleClaim> sweep(Duration lease, UncertainPolicy policy,
                                   java.util.function.Predicate<UUID> enterprises) {
        Instant now = clock.instant();
        Instant before = now.minus(lease);
        List<StaleClaim> out = new ArrayList<>();
        for (DeliveryRecord r : List.copyOf(rows.values())) {
            if (!r.state().isClaim() || !r.claimedAt().isBefore(before) || !enterprises.test(r.key().enterprise()))
                continue;
            DeliveryState to = r.state().whenStale(policy);
            rows.put(r.key(), new DeliveryRecord(r.key(), to, r.lmsUserId(), r.plan(), r.claimedAt(),
                    Optional.of(now), r.runId(), Optional.empty(), r.attempts(),
                    Optional.of("claim of run " + r.runId() + " older than the lease, was " + r.state()), r.released()));
            tokens.remove(r.key());
            out.add(new StaleClaim(r.key(), r.runId(), r.claimedAt(), r.state(), to));
        }
        out.sort(Comparator.comparing(StaleClaim::claimedAt));
        return out;
    }

    @Override
    public synchronized List<DeliveryRecord> releaseByOperator(OperatorRelease release, boolean dryRun) {
        maybeFail("releaseByOperator");
        Instant now = clock.instant();
        Instant before = now.minus(release.lease());
        List<DeliveryRecord> released = rows.values().stream()
                .filter(r -> release.enterprise().map(e -> e.equals(r.key().enterprise())).orElse(true))
                .filter(r -> release.ecuId().map(id -> id == r.key().ecuId()).orElse(true))
                .filter(r -> release.kind().map(k -> k.equals(r.key().kind())).orElse(true))
                .filter(r -> release.releases(r.state(), r.claimedAt().isBefore(before)))
                .sorted(Comparator.comparing(DeliveryRecord::claimedAt))
                .toList();
        if (dryRun) return released;
        for (DeliveryRecord r : released) {
            rows.put(r.key(), new DeliveryRecord(r.key(), DeliveryState.FAILED, r.lmsUserId(), r.plan(), r.claimedAt(),
                    Optional.of(now), r.runId(), r.dispatchId(), r.attempts(), r.lastError(),
                    Optional.of(new DeliveryRecord.Released(now, release.by(), release.reason()))));
            tokens.remove(r.key());
        }
        return released;
    }

    @Override
    public synchronized List<DeliveryRecord> find(HistoryQuery q) {
        return rows.values().stream()
                .filter(r -> q.enterprise().map(e -> e.equals(r.key().enterprise())).orElse(true))
                .filter(r -> q.ecuId().map(id -> id == r.key().ecuId()).orElse(true))
                .filter(r -> q.kind().map(k -> k.equals(r.key().kind())).orElse(true))
                .filter(r -> q.state().map(s -> s == r.state()).orElse(true))
                .sorted(Comparator.comparing(DeliveryRecord::claimedAt).reversed())
                .skip(q.offset()).limit(q.limit())
                .toList();
    }

    /** Makes the claims of these keys look {@code by} older, as if their run had stalled that long. */
    public synchronized void backdate(Collection<DeliveryKey> keys, Duration by) {
        for (DeliveryKey k : keys) {
            DeliveryRecord r = rows.get(k);
            if (r != null)
                rows.put(k, new DeliveryRecord(k, r.state(), r.lmsUserId(), r.plan(), r.claimedAt().minus(by),
                        r.settledAt(), r.runId(), r.dispatchId(), r.attempts(), r.lastError(), r.released()));
        }
    }

    /** Every row, for assertions. */
    public synchronized List<DeliveryRecord> all() {
        return List.copyOf(rows.values());
    }

    public synchronized long count(DeliveryState state) {
        return count(Set.of(state));
    }

    /** Rows in any of these states ({@link DeliveryState#claims()}: the claims left). */
    public synchronized long count(Set<DeliveryState> states) {
        return rows.values().stream().filter(r -> states.contains(r.state())).count();
    }
}
