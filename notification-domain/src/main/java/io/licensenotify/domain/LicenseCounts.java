package io.licensenotify.domain;

import java.util.Optional;

/**
 * A plan's license seats by status. Revoked seats are not counted: license-manager replaces a revoked
 * seat with a new unassigned one, so the total stays the same.
 */
public record LicenseCounts(long unassigned, long assigned, long activated, long revoked) {
    public static final LicenseCounts NONE = new LicenseCounts(0, 0, 0, 0);

    public LicenseCounts {
        if (unassigned < 0 || assigned < 0 || activated < 0 || revoked < 0)
            throw new IllegalArgumentException("license counts cannot be negative: unassigned=" + unassigned
                    + " assigned=" + assigned + " activated=" + activated + " revoked=" + revoked);
    }

    /** Allocated seats: assigned plus activated. */
    public long allocated() {
        return assigned + activated;
    }

    /** All seats that are not revoked. */
    public long total() {
        return unassigned + assigned + activated;
    }

    /** Absent when the plan has no seats: such a plan fires no threshold. */
    public Optional<Utilization> utilization() {
        return Utilization.of(allocated(), total());
    }
}
