package io.licensenotify.cli;

import io.licensenotify.domain.Shard;

import java.util.Map;
import java.util.Optional;

/**
 * Which share of the enterprises a send run handles: {@code --shard I/N} wins; else
 * {@code notify.shards=N} above 1 with {@code JOB_COMPLETION_INDEX} (set by a Kubernetes Indexed Job) as I; else
 * every enterprise. {@code --enterprise} names the run's enterprises itself, so it takes no {@code --shard} and
 * ignores {@code notify.shards}.
 */
final class ShardChoice {
    static final String INDEX_ENV = "JOB_COMPLETION_INDEX";

    private ShardChoice() {
    }

    /**
     * @param option      {@code --shard}'s text, when given
     * @param shards      {@code notify.shards} (1 when unset)
     * @param named       true when {@code --enterprise} named the run's enterprises
     * @throws IllegalArgumentException naming the option, key or variable that is wrong; the command exits 2
     */
    static Shard choose(Optional<String> option, int shards, Map<String, String> env, boolean named) {
        if (option.isPresent()) {
            if (named)
                throw new IllegalArgumentException("--shard cannot be combined with --enterprise: the named enterprises"
                        + " are the whole run");
            Shard shard;
            try {
                shard = Shard.parse(option.get());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--shard " + option.get().trim() + ": " + e.getMessage());
            }
            if (shards > 1 && shards != shard.count())
                throw new IllegalArgumentException("--shard " + shard + " disagrees with notify.shards=" + shards
                        + ": give the same count, or leave notify.shards unset");
            return shard;
        }
        if (shards <= 1 || named) return Shard.ALL;
        String index = env.get(INDEX_ENV);
        String expected = "notify.shards=" + shards + " takes " + INDEX_ENV + " from 0 to " + (shards - 1)
                + " (set by a Kubernetes Indexed Job) or --shard I/" + shards;
        if (index == null || index.isBlank())
            throw new IllegalArgumentException(INDEX_ENV + " is not set: " + expected);
        int i;
        try {
            i = Integer.parseInt(index.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(INDEX_ENV + "=" + index.trim() + " is not a whole number: " + expected);
        }
        if (i < 0 || i >= shards)
            throw new IllegalArgumentException(INDEX_ENV + "=" + i + " is outside the shards: " + expected);
        return new Shard(i, shards);
    }
}
