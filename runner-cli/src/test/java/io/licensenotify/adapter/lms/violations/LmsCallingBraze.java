package io.licensenotify.adapter.lms.violations;

import io.licensenotify.adapter.braze.violations.BrazeThing;

/** Breaks the adapter rule on purpose: one adapter using another. */
public class LmsCallingBraze {
    public String call() {
        return new BrazeThing().name();
    }
}
