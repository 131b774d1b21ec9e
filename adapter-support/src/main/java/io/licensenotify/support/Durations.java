package io.licensenotify.support;

import java.time.Duration;
import java.util.Objects;

/** Checks for the durations adapters' settings hold (timeouts, waits). */
public final class Durations {
    private Durations() {
    }

    /** {@code d}, or an exception naming {@code what} when it is missing, zero or negative. */
    public static Duration positive(Duration d, String what) {
        Objects.requireNonNull(d, what);
        if (d.isNegative() || d.isZero()) throw new IllegalArgumentException(what + " must be positive, was " + d);
        return d;
    }
}
