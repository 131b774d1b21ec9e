package io.licensenotify.domain;

import java.util.Optional;
import java.util.UUID;

/**
 * One of {@code count} processes that share the enterprises (docs/operating.md "Shards: several processes share the enterprises"): it handles the enterprises whose
 * {@link #hashOf stable hash} modulo {@code count} is {@code index}. The N shards of a count together hold every
 * enterprise exactly once; {@link #ALL} (0/1) holds every enterprise and is an unsharded run. Written "I/N".
 */
public record Shard(int index, int count) {
    /** The whole: an unsharded run. */
    public static final Shard ALL = new Shard(0, 1);

    public Shard {
        if (count < 1) throw new IllegalArgumentException("shard count must be at least 1, not " + count);
        if (index < 0 || index >= count)
            throw new IllegalArgumentException("shard index must be from 0 to " + (count - 1) + ", not " + index);
    }

    /**
     * Parses "I/N", as {@code --shard} takes it.
     *
     * @throws IllegalArgumentException naming what is wrong: not "I/N", not numbers, I outside 0..N-1, N below 1
     */
    public static Shard parse(String text) {
        String t = text == null ? "" : text.trim();
        int slash = t.indexOf('/');
        if (slash < 0) throw new IllegalArgumentException("'" + t + "' is not I/N (for instance 0/4)");
        int index = number(t.substring(0, slash), t);
        int count = number(t.substring(slash + 1), t);
        return new Shard(index, count);
    }

    private static int number(String part, String whole) {
        try {
            return Integer.parseInt(part.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + whole + "' is not I/N (for instance 0/4): '" + part
                    + "' is not a whole number");
        }
    }

    /**
     * The stable hash of an enterprise: the first 8 hex digits of its uuid (the first 32 bits, with or without
     * dashes) as an unsigned number, 0 to 2^32 - 1. Uuids are random, so their shards are even; the databases compute
     * the same from the uuid's text.
     */
    public static long hashOf(UUID enterprise) {
        return enterprise.getMostSignificantBits() >>> 32;
    }

    /** True when this shard handles the enterprise. */
    public boolean contains(UUID enterprise) {
        return hashOf(enterprise) % count == index;
    }

    /** True for {@link #ALL}: every enterprise. */
    public boolean isAll() {
        return count == 1;
    }

    /** "I/N" for a shard, empty for {@link #ALL}: what reports, logs and metrics label a run with. */
    public Optional<String> label() {
        return isAll() ? Optional.empty() : Optional.of(toString());
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
