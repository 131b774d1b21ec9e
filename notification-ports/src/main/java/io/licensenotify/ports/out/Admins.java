package io.licensenotify.ports.out;

import io.licensenotify.domain.Admin;
import io.licensenotify.domain.Enterprise;

import java.util.List;

/** The enterprise's admins (enterprise-customer-users with the admin role), from the LMS. */
public interface Admins {
    /**
     * All admins of the enterprise, in a stable order; safe to call from several threads at once.
     *
     * @throws AdminLookupException when the LMS cannot be asked or answers with an error
     */
    List<Admin> of(Enterprise enterprise);
}
