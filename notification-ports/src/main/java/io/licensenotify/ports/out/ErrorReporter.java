package io.licensenotify.ports.out;

import io.licensenotify.ports.in.RunReport;

/** Tells someone that a run had failures (the run-error notification). */
public interface ErrorReporter {
    /**
     * Called once at the end of a run that had failures or uncertain deliveries. Never throws: when it cannot
     * notify, it logs one warning and the failures stay in the report.
     */
    void report(RunReport report);
}
