package io.licensenotify.application;

import io.licensenotify.domain.Delivery;
import io.licensenotify.domain.DeliveryKey;
import io.licensenotify.domain.Enterprise;
import io.licensenotify.domain.NotificationKind;
import io.licensenotify.ports.out.DeliveryLedger.Claim;
import io.licensenotify.ports.out.Message;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * One delivery in the protocol: its claim (none while it waits in the packed outbox) and the enterprise its email
 * is about. Identity is its own, the same before and after its claim, so that whoever holds it (a request, the
 * sets of pending and sending ones) finds it after the claim too.
 */
final class OutboxEntry {
    /** Set once: at the enterprise's claim, or (packed) by the claim of its request. */
    volatile Claim claim;
    final Enterprise enterprise;
    final Delivery delivery;
    /** Lower thresholds this delivery supersedes: recorded by the claim of its request, in the same statement. */
    final List<Delivery> superseded;

    private OutboxEntry(Enterprise enterprise, Delivery delivery, List<Delivery> superseded) {
        this.enterprise = enterprise;
        this.delivery = delivery;
        this.superseded = List.copyOf(superseded);
    }

    /**
     * The enterprise's due deliveries as entries, each superseded delivery riding with its admin's due delivery (a
     * higher threshold), or else with the first: whatever claims one records what it supersedes. Empty when nothing
     * is due.
     */
    static List<OutboxEntry> of(Enterprise enterprise, List<Delivery> due, List<Delivery> superseded) {
        Map<Delivery, List<Delivery>> carried = new LinkedHashMap<>();
        for (Delivery d : due) carried.put(d, new ArrayList<>());
        for (Delivery lower : superseded) {
            if (due.isEmpty()) break;
            Delivery carrier = due.stream().filter(d -> d.key().ecuId() == lower.key().ecuId()
                    && d.kind() instanceof NotificationKind.Threshold).findFirst().orElse(due.get(0));
            carried.get(carrier).add(lower);
        }
        List<OutboxEntry> entries = new ArrayList<>(due.size());
        carried.forEach((d, lower) -> entries.add(new OutboxEntry(enterprise, d, lower)));
        return entries;
    }

    /** What the entries supersede, all of them. */
    static List<Delivery> superseded(List<OutboxEntry> entries) {
        List<Delivery> all = new ArrayList<>();
        for (OutboxEntry e : entries) all.addAll(e.superseded);
        return all;
    }

    void claimedBy(Claim claim) {
        this.claim = claim;
    }

    DeliveryKey key() {
        return delivery.key();
    }

    Message.Recipient recipient() {
        return new Message.Recipient(enterprise, delivery.plan(), delivery.admin());
    }

    /** The claims the entries came in, each once. */
    static Set<Claim> claims(List<OutboxEntry> entries) {
        Set<Claim> claims = Collections.newSetFromMap(new IdentityHashMap<>());
        for (OutboxEntry e : entries) claims.add(e.claim);
        return claims;
    }

    static List<DeliveryKey> keys(List<OutboxEntry> entries) {
        return entries.stream().map(OutboxEntry::key).toList();
    }

    /** The enterprises the entries' emails are about, each once, in the order of the entries. */
    static List<UUID> enterprises(List<OutboxEntry> entries) {
        return entries.stream().map(e -> e.enterprise.uuid()).distinct().toList();
    }
}
