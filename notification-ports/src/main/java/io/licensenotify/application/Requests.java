package io.licensenotify.application;

import io.licensenotify.domain.NotificationKind;
import io.licensenotify.ports.out.Message;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Requests forming, per kind: each takes up to {@link Message#MAX_RECIPIENTS} deliveries and never the same LMS user
 * twice (a person who administers two enterprises is in two requests). Not thread-safe: {@link Outbox} guards it.
 */
final class Requests {
    private final Map<NotificationKind, List<Forming>> byKind = new LinkedHashMap<>();
    private final List<List<OutboxEntry>> full = new ArrayList<>();

    private static final class Forming {
        final List<OutboxEntry> entries = new ArrayList<>();
        final Set<Long> users = new HashSet<>();
        final long since = System.nanoTime();
    }

    /** Adds the delivery to the first request of its kind that can take it, or to a new one. */
    void add(OutboxEntry entry) {
        List<Forming> forming = byKind.computeIfAbsent(entry.delivery.kind(), k -> new ArrayList<>());
        long user = entry.delivery.lmsUserId();
        Forming into = null;
        for (Forming f : forming)
            if (!f.users.contains(user)) {
                into = f;
                break;
            }
        if (into == null) forming.add(into = new Forming());
        into.entries.add(entry);
        into.users.add(user);
        if (into.entries.size() == Message.MAX_RECIPIENTS) {
            forming.remove(into);
            full.add(into.entries);
        }
    }

    /** The requests that are full, taken out. */
    List<List<OutboxEntry>> takeFull() {
        List<List<OutboxEntry>> out = new ArrayList<>(full);
        full.clear();
        return out;
    }

    /** The requests begun at least {@code nanos} ago, full or not, taken out. */
    List<List<OutboxEntry>> takeOlderThan(long nanos) {
        List<List<OutboxEntry>> out = takeFull();
        long now = System.nanoTime();
        for (List<Forming> forming : byKind.values())
            for (Iterator<Forming> it = forming.iterator(); it.hasNext(); ) {
                Forming f = it.next();
                if (now - f.since < nanos) continue;
                out.add(f.entries);
                it.remove();
            }
        return out;
    }

    /** Every request, full or not, taken out: per kind, in the order they were begun. */
    List<List<OutboxEntry>> takeAll() {
        List<List<OutboxEntry>> out = takeFull();
        for (List<Forming> forming : byKind.values())
            for (Forming f : forming) out.add(f.entries);
        byKind.clear();
        return out;
    }

    /** The first request begun (or filled), or none. */
    List<OutboxEntry> first() {
        if (!full.isEmpty()) return full.get(0);
        for (List<Forming> forming : byKind.values())
            if (!forming.isEmpty()) return forming.get(0).entries;
        return List.of();
    }
}
