package io.licensenotify.adapter.lms.violations;

import io.licensenotify.standin.StandIn;

/** Breaks the stand-in rule on purpose: the product never talks to a stand-in. */
public class AdapterUsingAStandIn {
    public Class<?> standIn() {
        return StandIn.class;
    }
}
