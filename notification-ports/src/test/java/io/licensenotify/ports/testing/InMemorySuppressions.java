package io.licensenotify.ports.testing;

import io.licensenotify.domain.NotificationKind;
import io.licensenotify.domain.Suppression;
import io.licensenotify.ports.out.Suppressions;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/** Suppressions in memory, with the semantics of the database's (the contract runs on both). */
public final class InMemorySuppressions implements Suppressions {
    private final List<Suppression> all = new ArrayList<>();
    private final AtomicInteger reads = new AtomicInteger();

    @Override
    public synchronized List<Suppression> all() {
        reads.incrementAndGet();
        return List.copyOf(all);
    }

    @Override
    public synchronized List<Suppression> list(Optional<UUID> enterprise) {
        return all.stream().filter(s -> enterprise.map(e -> e.equals(s.enterprise())).orElse(true))
                .sorted(Comparator.comparing(Suppression::createdAt).reversed()).toList();
    }

    @Override
    public synchronized boolean add(Suppression suppression) {
        if (all.stream().anyMatch(s -> s.sameSelectors(suppression))) return false;
        all.add(suppression);
        return true;
    }

    @Override
    public synchronized int remove(UUID enterprise, Optional<Long> ecuId, Optional<NotificationKind> kind) {
        int before = all.size();
        all.removeIf(s -> s.enterprise().equals(enterprise) && s.ecuId().equals(ecuId) && s.kind().equals(kind));
        return before - all.size();
    }

    /** How often the service read them all: once per run. */
    public int reads() {
        return reads.get();
    }
}
