package io.licensenotify.ports.failure;

import io.licensenotify.text.SafeText;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * One reason that failed many enterprises (the LMS circuit open, credentials refused), named once.
 *
 * @param enterprises how many enterprises it failed
 * @param examples    the first few of them
 */
public record SharedFailure(FailureKind error, String message, long enterprises, List<UUID> examples) {
    public SharedFailure {
        Objects.requireNonNull(error, "error");
        message = message == null ? "" : SafeText.withoutEmails(message);
        examples = List.copyOf(examples);
    }
}
