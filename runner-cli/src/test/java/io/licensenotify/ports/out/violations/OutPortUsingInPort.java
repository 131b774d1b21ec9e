package io.licensenotify.ports.out.violations;

import io.licensenotify.ports.in.RunReport;

/** Breaks the port-direction rule on purpose: an out-port must not know the use case's types. */
public interface OutPortUsingInPort {
    void report(RunReport report);
}
