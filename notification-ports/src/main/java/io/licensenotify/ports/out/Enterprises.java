package io.licensenotify.ports.out;

import io.licensenotify.domain.AsOf;
import io.licensenotify.domain.Shard;

import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * License data, read from license-manager's tables and never written.
 */
public interface Enterprises {
    /**
     * Every enterprise with at least one candidate plan on the day (auto-apply on, active, started, not expired;
     * see {@link io.licensenotify.domain.Plan#isCandidateOn}), with those plans and their license counts by
     * status. Streamed: memory does not grow with the number of enterprises. The caller closes the stream.
     *
     * @throws StorageException when the data cannot be read
     */
    default Stream<EnterpriseLicenses> withCandidatePlans(AsOf day) {
        return withCandidatePlans(day, Shard.ALL);
    }

    /**
     * As {@link #withCandidatePlans(AsOf)}, only the enterprises the shard {@link Shard#contains holds}: chosen where
     * the data is (in SQL), so that a shard reads only its share.
     *
     * @throws StorageException when the data cannot be read
     */
    Stream<EnterpriseLicenses> withCandidatePlans(AsOf day, Shard shard);

    /** How many enterprises {@link #withCandidatePlans(AsOf)} will return, for progress lines. */
    default long countWithCandidatePlans(AsOf day) {
        return countWithCandidatePlans(day, Shard.ALL);
    }

    /** How many enterprises {@link #withCandidatePlans(AsOf, Shard)} will return for the shard. */
    long countWithCandidatePlans(AsOf day, Shard shard);

    /**
     * The named enterprises that license-manager knows, each with its candidate plans on the day (none when it has
     * none), with one statement whatever their number. An enterprise it does not know is not returned. The caller
     * closes the stream.
     *
     * @throws StorageException when the data cannot be read
     */
    Stream<EnterpriseLicenses> of(Set<UUID> enterprises, AsOf day);
}
