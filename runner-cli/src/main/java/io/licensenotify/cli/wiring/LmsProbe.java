package io.licensenotify.cli.wiring;

import io.licensenotify.adapter.lms.LmsAdmins;
import jakarta.inject.Inject;

/** {@code check}: the LMS token endpoint gives a token for the configured client. */
final class LmsProbe implements Probe {
    private final LmsAdmins lms;

    @Inject
    LmsProbe(LmsAdmins lms) {
        this.lms = lms;
    }

    @Override
    public String name() {
        return "lms";
    }

    @Override
    public String probe() {
        return lms.checkCredentials();
    }
}
