package io.licensenotify.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One enterprise-customer-user (ECU) with the admin role. A person who administers three enterprises is
 * three admins.
 *
 * @param ecuId       the LMS enterprise-customer-user id
 * @param lmsUserId   the LMS user id, Braze's external user id; absent when the LMS has no user for the ECU
 * @param active      the ECU and its user are active
 * @param activatedAt when the admin joined the enterprise: the ECU's {@code created} time and nothing else (a
 *                    fallback would let the digest's week index jump between runs); absent when the LMS did not
 *                    say, and then the rules skip its digest ({@link SkipReason#NO_ACTIVATION_TIME})
 */
public record Admin(long ecuId, Optional<Long> lmsUserId, String username, String firstName, String email,
                    boolean active, Optional<Instant> activatedAt) {
    public Admin {
        if (ecuId <= 0) throw new IllegalArgumentException("ECU id must be positive, was " + ecuId);
        Objects.requireNonNull(lmsUserId, "lmsUserId");
        Objects.requireNonNull(activatedAt, () -> "activation time of ECU " + ecuId);
        username = username == null ? "" : username;
        firstName = firstName == null ? "" : firstName;
        email = email == null ? "" : email.trim();
    }

    /** An admin whose activation time is known. */
    public Admin(long ecuId, Optional<Long> lmsUserId, String username, String firstName, String email,
                 boolean active, Instant activatedAt) {
        this(ecuId, lmsUserId, username, firstName, email, active,
                Optional.of(Objects.requireNonNull(activatedAt, () -> "activation time of ECU " + ecuId)));
    }

    /** Masks the email so that logs of a record never carry it. */
    @Override
    public String toString() {
        return "Admin[ecuId=" + ecuId + ", lmsUserId=" + lmsUserId.map(String::valueOf).orElse("none")
                + ", active=" + active + ", activatedAt=" + activatedAt.map(Instant::toString).orElse("unknown") + "]";
    }
}
