package io.licensenotify.ports.out;

/** Where a delivery stands in the ledger. */
public enum DeliveryState {
    /** Claimed by a run that is sending it now (or died while sending). */
    PENDING,
    /** Accepted by the messaging service. Never sent again. */
    SENT,
    /** Definitely not sent; a later run may claim it again. */
    FAILED,
    /** A lower threshold crossed together with a higher one. Never sent. */
    SUPERSEDED,
    /** Whether it was sent is unknown (a run died mid-send, or a request timed out). Never sent again by default. */
    UNCERTAIN
}
