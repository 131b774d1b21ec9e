package io.licensenotify.ports.in;

import io.licensenotify.domain.DeliveryKey;
import io.licensenotify.domain.DeliveryState;

/** Hears about a run while it goes: progress, and each delivery's fate. Called from several threads. */
public interface RunObserver {
    RunObserver NONE = new RunObserver() {
    };

    /** The run starts; {@code enterprises} is how many it expects. */
    default void started(long enterprises) {
    }

    /** One more enterprise is done. */
    default void enterpriseDone(long done, long total) {
    }

    /** A delivery was decided or settled; the same event the report's counts come from. */
    default void delivery(DeliveryKey key, Fate fate, String detail) {
    }

    /** What became of one due delivery in this run. */
    enum Fate {
        /** Dry run: would be sent. */
        WOULD_SEND,
        SENT,
        FAILED,
        UNCERTAIN,
        SUPERSEDED,
        /** Due, but another run holds the key. */
        CLAIMED_ELSEWHERE,
        /** Due (or superseded), but a suppression covers it: neither recorded nor sent. */
        SUPPRESSED;

        /** The fate of a delivery settled in {@code state} ({@code SENT}, {@code FAILED} or {@code UNCERTAIN}). */
        public static Fate settled(DeliveryState state) {
            return switch (state) {
                case SENT -> SENT;
                case FAILED -> FAILED;
                case UNCERTAIN -> UNCERTAIN;
                default -> throw new IllegalArgumentException("a delivery is not settled as " + state);
            };
        }
    }
}
