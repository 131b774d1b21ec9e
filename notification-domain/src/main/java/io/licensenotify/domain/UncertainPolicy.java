package io.licensenotify.domain;

/**
 * What a claim left by a dead run becomes when it was marked as sending (the request may have left): see
 * {@link DeliveryState#whenStale}. A claim never marked as sending was certainly not sent and is sent again under
 * either policy.
 */
public enum UncertainPolicy {
    /** At most once (default): {@link DeliveryState#UNCERTAIN}, reported, never resent unless an operator releases it. */
    SKIP,
    /** At least once: {@link DeliveryState#FAILED}, so that this run sends it again. */
    RESEND
}
