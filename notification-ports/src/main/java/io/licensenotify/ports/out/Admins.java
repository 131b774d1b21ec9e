package io.licensenotify.ports.out;

import io.licensenotify.domain.Enterprise;

/** The enterprise's admins (enterprise-customer-users with the admin role), from the LMS. */
public interface Admins {
    /**
     * All admins of the enterprise, in a stable order, with the rows that were not used and why; safe to call from
     * several threads at once. One unreadable row costs that row only.
     *
     * @throws AdminLookupException when the LMS cannot be asked, answers with an error, or ignored the filter
     */
    AdminRoster of(Enterprise enterprise);
}
