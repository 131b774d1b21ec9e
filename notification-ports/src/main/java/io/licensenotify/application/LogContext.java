package io.licensenotify.application;

import io.licensenotify.domain.Shard;
import org.slf4j.MDC;

import java.util.UUID;

/**
 * What every log line of a run carries in the MDC, for log shippers: {@code run_id} on the run's threads,
 * {@code shard} ("I/N") beside it when the run is one shard of several, and {@code enterprise} while a worker
 * processes one. A JSON log line shows them as fields of their own.
 */
final class LogContext {
    static final String RUN_ID = "run_id";
    static final String ENTERPRISE = "enterprise";
    static final String SHARD = "shard";

    private LogContext() {
    }

    /** The run's id on this thread until closed, then what was there before (a caller may have set it already). */
    static Scope run(String runId, Shard shard) {
        String before = MDC.get(RUN_ID);
        String shardBefore = MDC.get(SHARD);
        MDC.put(RUN_ID, runId);
        shard.label().ifPresent(label -> MDC.put(SHARD, label));
        return () -> {
            restore(RUN_ID, before);
            restore(SHARD, shardBefore);
        };
    }

    private static void restore(String key, String before) {
        if (before == null) MDC.remove(key);
        else MDC.put(key, before);
    }

    /** An MDC entry that ends with a block. */
    interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * On a worker thread (the run's own, gone with it): the run's id, kept for the lines logged between
     * enterprises, and this enterprise until closed.
     */
    static MDC.MDCCloseable enterprise(String runId, Shard shard, UUID enterprise) {
        MDC.put(RUN_ID, runId);
        shard.label().ifPresent(label -> MDC.put(SHARD, label));
        return MDC.putCloseable(ENTERPRISE, enterprise.toString());
    }

    /**
     * While a request is sent: {@code enterprise} is its enterprise when it holds one, and absent when it packs
     * several (its lines name them), whatever the thread had before; restored when closed.
     */
    static Scope request(java.util.List<UUID> enterprises) {
        String before = MDC.get(ENTERPRISE);
        if (enterprises.size() == 1) MDC.put(ENTERPRISE, enterprises.get(0).toString());
        else MDC.remove(ENTERPRISE);
        return () -> restore(ENTERPRISE, before);
    }
}
