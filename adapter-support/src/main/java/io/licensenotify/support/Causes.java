package io.licensenotify.support;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A failure and its causes, outermost first. Clients and drivers wrap what went wrong (Feign an {@code IOException},
 * jOOQ an {@code SQLException}), so the adapters decide by what is inside. The walk ends at the first cause seen
 * before, so a cause chain that loops ends too.
 */
public final class Causes {
    private Causes() {
    }

    /** {@code failure}, its cause, that one's cause, and so on; empty for null. */
    public static Stream<Throwable> chain(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        return Stream.iterate(failure, t -> t != null && seen.add(t), Throwable::getCause);
    }

    /** The outermost throwable of {@code type} in the chain, if there is one. */
    public static <T extends Throwable> Optional<T> find(Throwable failure, Class<T> type) {
        return chain(failure).filter(type::isInstance).map(type::cast).findFirst();
    }

    /** The innermost cause: usually the one whose message says what really went wrong. */
    public static Throwable root(Throwable failure) {
        return chain(failure).reduce((outer, inner) -> inner).orElse(failure);
    }
}
