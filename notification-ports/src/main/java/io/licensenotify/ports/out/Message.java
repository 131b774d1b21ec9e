package io.licensenotify.ports.out;

import io.licensenotify.domain.Admin;
import io.licensenotify.domain.Enterprise;
import io.licensenotify.domain.NotificationKind;
import io.licensenotify.domain.Plan;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One campaign trigger: one kind of email to at most {@link #MAX_RECIPIENTS} admins, each for its own enterprise and
 * auto-assign plan. A message packs recipients of several enterprises (docs/design.md "What goes to Braze"), or
 * holds one enterprise's when {@code braze.batching=enterprise}. Every recipient has an LMS user id, and no LMS user
 * id is there twice: a person who administers two enterprises gets two messages.
 *
 * @param asOf the day of the run, for the wording of the email
 */
public record Message(NotificationKind kind, List<Recipient> to, LocalDate asOf) {
    /** Braze's limit of recipients per request. */
    public static final int MAX_RECIPIENTS = 50;

    /** One admin of one enterprise, with the plan its email is about. */
    public record Recipient(Enterprise enterprise, Plan plan, Admin admin) {
        public Recipient {
            Objects.requireNonNull(enterprise, "enterprise");
            Objects.requireNonNull(plan, "plan");
            Objects.requireNonNull(admin, "admin");
            if (admin.lmsUserId().isEmpty())
                throw new IllegalArgumentException("recipient ECU " + admin.ecuId() + " has no LMS user id");
        }
    }

    public Message {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(asOf, "asOf");
        to = List.copyOf(to);
        if (to.isEmpty()) throw new IllegalArgumentException("a message needs at least one recipient");
        Set<Long> users = new HashSet<>();
        for (Recipient r : to)
            if (!users.add(r.admin().lmsUserId().orElseThrow()))
                throw new IllegalArgumentException("LMS user " + r.admin().lmsUserId().orElseThrow()
                        + " is a recipient twice in one message (" + kind.code() + ")");
    }

    /** A message to admins of one enterprise. */
    public Message(NotificationKind kind, Enterprise enterprise, Plan plan, List<Admin> admins, LocalDate asOf) {
        this(kind, admins.stream().map(a -> new Recipient(enterprise, plan, a)).toList(), asOf);
    }

    /** The admins, in order. */
    public List<Admin> recipients() {
        return to.stream().map(Recipient::admin).toList();
    }

    /** The enterprises the message is for, each once, in the order of their first recipient. */
    public List<Enterprise> enterprises() {
        return to.stream().map(Recipient::enterprise).distinct().toList();
    }

    /** The enterprise of the first recipient: the only one, unless the message packs several. */
    public Enterprise enterprise() {
        return to.get(0).enterprise();
    }

    /** The plan of the first recipient. */
    public Plan plan() {
        return to.get(0).plan();
    }
}
