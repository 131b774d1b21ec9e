package io.licensenotify.domain;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Rule 2: an admin is due for threshold T of a plan when utilization reaches T and nothing was recorded for T
 * or a higher threshold of that plan. Of several thresholds crossed at once only the highest is sent; the
 * lower ones are superseded and never sent later.
 *
 * @param percents the configured thresholds in percent (default 75 and 100), each within 1..100
 */
public record ThresholdPolicy(List<Integer> percents) {
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
    }

    /** What is due for one admin and plan, given the thresholds already recorded for that pair. */
    public Outcome decide(Utilization utilization, Collection<Integer> recordedPercents) {
        int highestRecorded = recordedPercents.stream().mapToInt(Integer::intValue).max().orElse(0);
        List<Integer> crossed = percents.stream()
                .filter(p -> p > highestRecorded && utilization.reaches(p))
                .toList();
        if (crossed.isEmpty()) return new Outcome(Optional.empty(), List.of());
        return new Outcome(Optional.of(crossed.get(crossed.size() - 1)), crossed.subList(0, crossed.size() - 1));
    }

    /**
     * @param due        the one threshold to send now, if any
     * @param superseded lower thresholds crossed at the same time: recorded, never sent
     */
    public record Outcome(Optional<Integer> due, List<Integer> superseded) {
        public Outcome {
            superseded = List.copyOf(superseded);
        }
    }
}
