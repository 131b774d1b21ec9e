package io.licensenotify.domain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * What the delivery ledger holds for one enterprise: every key with its state. The rules read it to know what
 * blocks a new delivery ({@link DeliveryState#blocksNewDelivery()}) and, for thresholds, which arming generation is
 * current (the highest {@link DeliveryKey#period()} recorded in any state).
 */
public record Recorded(Map<DeliveryKey, DeliveryState> states) {
    public static final Recorded NOTHING = new Recorded(Map.of());

    public Recorded {
        states = Map.copyOf(states);
    }

    /** Keys that all block a new delivery, as if sent: for callers that know nothing more. */
    public static Recorded blocking(Collection<DeliveryKey> keys) {
        Map<DeliveryKey, DeliveryState> states = new HashMap<>();
        for (DeliveryKey k : keys) states.put(k, DeliveryState.SENT);
        return new Recorded(states);
    }

    public Optional<DeliveryState> state(DeliveryKey key) {
        return Optional.ofNullable(states.get(key));
    }

    public boolean blocks(DeliveryKey key) {
        return state(key).map(DeliveryState::blocksNewDelivery).orElse(false);
    }

    /** The keys of one admin of one enterprise. */
    List<DeliveryKey> of(long ecuId, UUID enterprise) {
        List<DeliveryKey> mine = new ArrayList<>();
        for (DeliveryKey k : states.keySet()) if (k.ecuId() == ecuId && k.enterprise().equals(enterprise)) mine.add(k);
        return mine;
    }

    /** The keys that block a new delivery. */
    public Set<DeliveryKey> blockingKeys() {
        Set<DeliveryKey> keys = new HashSet<>();
        states.forEach((k, s) -> {
            if (s.blocksNewDelivery()) keys.add(k);
        });
        return keys;
    }
}
