package io.licensenotify.ports.out;

import io.licensenotify.domain.NotificationKind;
import io.licensenotify.domain.Suppression;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Who gets no email (rule 6), kept by this project beside the delivery ledger. Safe to call concurrently. */
public interface Suppressions {
    /** None, and none kept: for a caller without the suppressions' table (it refuses to add or remove). */
    Suppressions NONE = new Suppressions() {
        @Override
        public List<Suppression> all() {
            return List.of();
        }

        @Override
        public List<Suppression> list(Optional<UUID> enterprise) {
            return List.of();
        }

        @Override
        public boolean add(Suppression suppression) {
            throw new UnsupportedOperationException("no suppressions are kept here");
        }

        @Override
        public int remove(UUID enterprise, Optional<Long> ecuId, Optional<NotificationKind> kind) {
            throw new UnsupportedOperationException("no suppressions are kept here");
        }
    };

    /** Every suppression in force, read at once (one statement per run). */
    List<Suppression> all();

    /** Those of one enterprise, or all, newest first. */
    List<Suppression> list(Optional<UUID> enterprise);

    /**
     * Adds a suppression unless one with the same selectors (enterprise, admin, kind) exists.
     *
     * @return true when added, false when it was there already (nothing changed)
     */
    boolean add(Suppression suppression);

    /** Removes the suppression with exactly these selectors; returns how many it removed (0 or 1). */
    int remove(UUID enterprise, Optional<Long> ecuId, Optional<NotificationKind> kind);
}
