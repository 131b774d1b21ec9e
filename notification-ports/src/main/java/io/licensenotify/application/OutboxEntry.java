package io.licensenotify.application;

import io.licensenotify.domain.Delivery;
import io.licensenotify.domain.DeliveryKey;
import io.licensenotify.domain.Enterprise;
import io.licensenotify.ports.out.DeliveryLedger.Claim;
import io.licensenotify.ports.out.Message;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
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

    OutboxEntry(Claim claim, Enterprise enterprise, Delivery delivery) {
        this.claim = claim;
        this.enterprise = enterprise;
        this.delivery = delivery;
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
