package io.licensenotify.domain;

/** Rule 5: why an enterprise or an admin gets nothing. These are data, counted in the report, not errors. */
public enum SkipReason {
    /** The enterprise has no plan that is active, auto-applied, started and not expired. */
    NO_AUTO_ASSIGN_PLAN,
    /** The LMS lists no admin for the enterprise. */
    NO_ADMINS,
    /** The admin's enterprise-customer-user or user is not active. */
    INACTIVE,
    /** The LMS has no user id for the admin, so Braze cannot reach it. */
    NO_LMS_USER_ID,
    /** The admin has no email address. */
    NO_EMAIL,
    /** The LMS listed the same enterprise-customer-user twice; the first one counts. */
    DUPLICATE
}
