package io.licensenotify.ports.out;

/** What to do with a claim older than the lease, whose run died mid-send. */
public enum UncertainPolicy {
    /** At most once (default): mark it {@link DeliveryState#UNCERTAIN} and report it; never resend. */
    SKIP,
    /** At least once: mark it {@link DeliveryState#FAILED} so that this run sends it again. */
    RESEND
}
