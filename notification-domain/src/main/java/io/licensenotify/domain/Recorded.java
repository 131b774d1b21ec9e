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

    /**
     * Where each threshold of one plan ({@code scope}, its uuid) stands for one admin (rule 7): its highest arming
     * generation recorded and that one's state. A threshold without any key is absent ({@link ThresholdPolicy.Standing#NEW}).
     */
    public Map<Integer, ThresholdPolicy.Standing> standings(long ecuId, UUID enterprise, String scope) {
        Map<Integer, ThresholdPolicy.Standing> standings = new HashMap<>();
        for (DeliveryKey k : of(ecuId, enterprise)) {
            if (!k.scope().equals(scope) || !(k.kind() instanceof NotificationKind.Threshold t)) continue;
            ThresholdPolicy.Standing known = standings.get(t.percent());
            if (known == null || k.period() > known.generation())
                standings.put(t.percent(), new ThresholdPolicy.Standing(k.period(), state(k)));
        }
        return standings;
    }

    /** The same, with {@code key} held in {@code state} (what the ledger holds once a change is made). */
    public Recorded with(DeliveryKey key, DeliveryState state) {
        Map<DeliveryKey, DeliveryState> changed = new HashMap<>(states);
        changed.put(key, state);
        return new Recorded(changed);
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
