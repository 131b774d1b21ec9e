package io.licensenotify.ports.out;

import io.licensenotify.domain.Admin;
import io.licensenotify.domain.Enterprise;
import io.licensenotify.domain.NotificationKind;
import io.licensenotify.domain.Plan;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * One campaign trigger: one kind of email, for one enterprise and its auto-assign plan, to a batch of admins.
 * Every recipient has an LMS user id. A {@link Messenger} takes at most {@link #MAX_RECIPIENTS}.
 *
 * @param asOf the day of the run, for the wording of the email
 */
public record Message(NotificationKind kind, Enterprise enterprise, Plan plan, List<Admin> recipients, LocalDate asOf) {
    /** Braze's limit of recipients per request. */
    public static final int MAX_RECIPIENTS = 50;

    public Message {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(enterprise, "enterprise");
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(asOf, "asOf");
        recipients = List.copyOf(recipients);
        if (recipients.isEmpty()) throw new IllegalArgumentException("a message needs at least one recipient");
        for (Admin a : recipients)
            if (a.lmsUserId().isEmpty())
                throw new IllegalArgumentException("recipient ECU " + a.ecuId() + " has no LMS user id");
    }
}
