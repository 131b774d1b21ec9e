package io.licensenotify.ports.failure;

/** What kind of thing went wrong, in the run report, the JSON report and the run-error email. */
public enum FailureKind {
    /** The LMS could not tell the enterprise's admins (an error answer, no answer, a filter it ignored). */
    ADMIN_LOOKUP,
    /** One LMS row could not be read; that admin gets nothing, the others are processed. */
    BAD_DATA,
    /** Braze could not be reached or answered 429/5xx after the retries: sent by the next run. */
    SEND_TRANSIENT,
    /** Braze refused the request (400, 401, 403, 404): sent again by the next run, which likely fails alike. */
    SEND_PERMANENT,
    /** The request left and no answer came: whether Braze got it is unknown; not resent. */
    OUTCOME_UNKNOWN,
    /** A claim of a run that died after marking it as sending: whether it was sent is unknown; not resent. */
    STALE_CLAIM,
    /** Another run took this run's claim over (it outlived {@code notify.claim-lease}); its record stands. */
    TAKEN_OVER,
    /** The database failed for this enterprise or delivery. */
    STORAGE,
    /** Not sent because the run was stopped; the next run sends it. */
    STOPPED,
    /** An exception nobody expected, for this enterprise only. */
    UNEXPECTED,
    /** An {@link Error} (such as {@link OutOfMemoryError}): the run starts nothing new after it. */
    FATAL
}
