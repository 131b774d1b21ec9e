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
    DUPLICATE,
    /**
     * The LMS gave no activation time ({@code created}) for the admin, so its digest's period cannot be counted: the
     * digest is skipped (and the run names the admin as bad data), its threshold emails are decided as usual.
     */
    NO_ACTIVATION_TIME,
    /** The LMS listed a row of another enterprise (it ignored the enterprise filter): never emailed. */
    NOT_THIS_ENTERPRISE,
    /** The LMS listed a row without the {@code enterprise_admin} role (it ignored the role filter): never emailed. */
    NOT_AN_ADMIN
}
