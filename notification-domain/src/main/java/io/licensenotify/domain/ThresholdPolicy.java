package io.licensenotify.domain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeSet;

/**
 * Rule 2: an admin is due for threshold T of a plan when utilization reaches T and nothing was recorded for T or a
 * higher threshold of that plan. Of several thresholds crossed at once only the highest is sent; the lower ones are
 * superseded and never sent later. Rule 7, when {@code rearmBelow} (M percentage points) is set: once T was sent or
 * superseded, utilization below T − M re-arms T, which opens T's next arming generation (the key's period); the
 * next crossing of T sends it again, once. Between T − M and T nothing changes, so no flapping.
 *
 * @param percents   the configured thresholds in percent (default 75 and 100), each within 1..100
 * @param rearmBelow M, within 1..99; empty keeps the ADR's once per plan
 */
public record ThresholdPolicy(List<Integer> percents, OptionalInt rearmBelow) {
    public static final ThresholdPolicy DEFAULT = new ThresholdPolicy(List.of(75, 100));

    public ThresholdPolicy {
        if (percents == null || percents.isEmpty())
            throw new IllegalArgumentException("at least one threshold percent is needed");
        TreeSet<Integer> sorted = new TreeSet<>();
        for (Integer p : percents) {
            if (p == null || p < 1 || p > 100)
                throw new IllegalArgumentException("threshold percent must be within 1..100, was " + p);
            if (!sorted.add(p)) throw new IllegalArgumentException("threshold percent " + p + " is listed twice");
        }
        percents = List.copyOf(sorted);
        if (rearmBelow == null) rearmBelow = OptionalInt.empty();
        rearmBelow.ifPresent(m -> {
            if (m < 1 || m > 99)
                throw new IllegalArgumentException("re-arm margin must be within 1..99 percentage points, was " + m);
        });
    }

    /** Thresholds sent once per plan, never re-armed. */
    public ThresholdPolicy(List<Integer> percents) {
        this(percents, OptionalInt.empty());
    }

    /** The same thresholds, re-armed {@code margin} points below each. */
    public ThresholdPolicy rearmingBelow(int margin) {
        return new ThresholdPolicy(percents, OptionalInt.of(margin));
    }

    /**
     * Where one threshold of one admin and plan stands: its current arming generation (0 unless re-armed) and the
     * state recorded for that generation, if any.
     */
    public record Standing(long generation, Optional<DeliveryState> state) {
        public static final Standing NEW = new Standing(0, Optional.empty());

        /** Sent, superseded, or held by a run: blocks this generation. */
        boolean used() {
            return state.map(DeliveryState::blocksNewDelivery).orElse(false);
        }

        /** Sent or superseded (or maybe sent): what re-arming may follow ({@link DeliveryState#allowsRearm()}). */
        boolean settledUse() {
            return state.map(DeliveryState::allowsRearm).orElse(false);
        }
    }

    /** A threshold in one of its arming generations. */
    public record Step(int percent, long generation) {
    }

    /** Rule 2 alone, given the percents already recorded (every one used, generation 0). */
    public Outcome decide(Utilization utilization, Collection<Integer> recordedPercents) {
        Map<Integer, Standing> standings = new HashMap<>();
        for (int p : recordedPercents) standings.put(p, new Standing(0, Optional.of(DeliveryState.SENT)));
        return decide(utilization, standings);
    }

    /** What is due for one admin and plan, given where each threshold stands (absent: {@link Standing#NEW}). */
    public Outcome decide(Utilization utilization, Map<Integer, Standing> standings) {
        List<Step> rearmed = new ArrayList<>();
        Map<Integer, Standing> now = new HashMap<>();
        for (int p : percents) {
            Standing s = standings.getOrDefault(p, Standing.NEW);
            if (rearmBelow.isPresent() && s.settledUse() && p - rearmBelow.getAsInt() > 0
                    && !utilization.reaches(p - rearmBelow.getAsInt())) {
                s = new Standing(s.generation() + 1, Optional.of(DeliveryState.ARMED));
                rearmed.add(new Step(p, s.generation()));
            }
            now.put(p, s);
        }
        int highestUsed = percents.stream().filter(p -> now.get(p).used()).mapToInt(Integer::intValue).max().orElse(0);
        List<Step> crossed = percents.stream()
                .filter(p -> p > highestUsed && utilization.reaches(p))
                .map(p -> new Step(p, now.get(p).generation()))
                .toList();
        if (crossed.isEmpty()) return new Outcome(Optional.empty(), List.of(), rearmed);
        return new Outcome(Optional.of(crossed.get(crossed.size() - 1)), crossed.subList(0, crossed.size() - 1),
                rearmed);
    }

    /**
     * @param due        the one threshold to send now, if any
     * @param superseded lower thresholds crossed at the same time: recorded, never sent
     * @param rearmed    thresholds whose next generation opens now (recorded as {@link DeliveryState#ARMED})
     */
    public record Outcome(Optional<Step> due, List<Step> superseded, List<Step> rearmed) {
        public Outcome {
            superseded = List.copyOf(superseded);
            rearmed = List.copyOf(rearmed);
        }
    }
}
