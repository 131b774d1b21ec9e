package io.licensenotify.ports.failure;

import io.licensenotify.domain.DeliveryKey;
import io.licensenotify.domain.NotificationKind;
import io.licensenotify.text.SafeText;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * One thing that went wrong, named by ids: the enterprise, and for a delivery the admin's ECU id and the kind.
 * {@code message} never holds a secret or an email address (addresses are removed here).
 *
 * @param ecuId          absent when the whole enterprise failed
 * @param kind           absent when the whole enterprise failed
 * @param enterpriseName the enterprise's name (else its slug) where the run knew it, for people reading the report
 */
public record Failure(UUID enterprise, Optional<Long> ecuId, Optional<NotificationKind> kind, FailureKind error,
                      String message, Optional<String> enterpriseName) {
    public Failure {
        Objects.requireNonNull(enterprise, "enterprise");
        Objects.requireNonNull(ecuId, "ecuId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(error, "error");
        message = message == null ? "" : SafeText.withoutEmails(message);
        enterpriseName = Objects.requireNonNull(enterpriseName, "enterpriseName").filter(n -> !n.isBlank());
    }

    public Failure(UUID enterprise, Optional<Long> ecuId, Optional<NotificationKind> kind, FailureKind error,
                   String message) {
        this(enterprise, ecuId, kind, error, message, Optional.empty());
    }

    /** The same failure, its enterprise named. */
    public Failure withEnterpriseName(String name) {
        return new Failure(enterprise, ecuId, kind, error, message, Optional.ofNullable(name));
    }

    /** A failure of one delivery. */
    public static Failure of(DeliveryKey key, FailureKind error, String message) {
        return new Failure(key.enterprise(), Optional.of(key.ecuId()), Optional.of(key.kind()), error, message);
    }

    /** A failure of a whole enterprise. */
    public static Failure ofEnterprise(UUID enterprise, FailureKind error, String message) {
        return new Failure(enterprise, Optional.empty(), Optional.empty(), error, message);
    }
}
