package io.licensenotify.ports.out;

import io.licensenotify.domain.Admin;
import io.licensenotify.domain.SkipReason;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the LMS listed for one enterprise: its admins, the rows that are not its admins (skipped and counted), and
 * the rows that could not be read (each a failure of that one admin: the others are still processed).
 *
 * @param admins     the rows that belong to the enterprise and carry the admin role, each ECU once, in LMS order
 * @param ignored    rows of another enterprise or without the admin role: never emailed
 * @param unreadable rows that cannot be read (no {@code id}, a {@code user} that is no object, a bad date)
 */
public record AdminRoster(List<Admin> admins, List<Rejected> ignored, List<Rejected> unreadable) {
    public AdminRoster {
        admins = List.copyOf(admins);
        ignored = List.copyOf(ignored);
        unreadable = List.copyOf(unreadable);
    }

    /** A roster of admins only. */
    public static AdminRoster of(List<Admin> admins) {
        return new AdminRoster(admins, List.of(), List.of());
    }

    /**
     * One LMS row that is not used. The detail names fields and ids, never an email address.
     *
     * @param ecuId  the row's enterprise-customer-user id, when it could be read
     * @param reason why it is ignored ({@link SkipReason#NOT_THIS_ENTERPRISE}, {@link SkipReason#NOT_AN_ADMIN});
     *               absent for an unreadable row
     */
    public record Rejected(Optional<Long> ecuId, Optional<SkipReason> reason, String detail) {
        public Rejected {
            Objects.requireNonNull(ecuId, "ecuId");
            Objects.requireNonNull(reason, "reason");
            detail = detail == null ? "" : detail;
        }

        public static Rejected ignored(long ecuId, SkipReason reason, String detail) {
            return new Rejected(Optional.of(ecuId), Optional.of(reason), detail);
        }

        public static Rejected unreadable(Optional<Long> ecuId, String detail) {
            return new Rejected(ecuId, Optional.empty(), detail);
        }
    }
}
