package io.licensenotify.domain;

import java.util.Optional;

/** Allocated over total licenses as an exact ratio; compared with integers, never floats. */
public record Utilization(long allocated, long total) {
    public Utilization {
        if (total <= 0 || allocated < 0)
            throw new IllegalArgumentException("bad utilization " + allocated + "/" + total);
    }

    /** A plan without licenses has no utilization and fires nothing. */
    public static Optional<Utilization> of(long allocated, long total) {
        return total == 0 ? Optional.empty() : Optional.of(new Utilization(allocated, total));
    }

    /** Integers on purpose: no float rounding at exactly 75 %. */
    public boolean reaches(int percent) {
        return Math.multiplyExact(allocated, 100L) >= Math.multiplyExact(total, (long) percent);
    }

    /** The percentage rounded down, for display only (3 of 4 is 75, 2 of 3 is 66). */
    public long percentFloor() {
        return Math.multiplyExact(allocated, 100L) / total;
    }
}
