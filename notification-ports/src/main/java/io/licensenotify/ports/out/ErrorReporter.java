package io.licensenotify.ports.out;

import io.licensenotify.ports.failure.RunErrors;

/** Tells someone that a run had failures (the run-error notification). */
public interface ErrorReporter {
    /**
     * Called once at the end of a run that had failures, uncertain deliveries or stopped early. Never throws: when
     * it cannot notify, it logs one warning and returns why (the failures stay in the report).
     *
     * @return empty when the notification went out (or was not configured); else why it did not
     */
    java.util.Optional<String> report(RunErrors errors);
}
