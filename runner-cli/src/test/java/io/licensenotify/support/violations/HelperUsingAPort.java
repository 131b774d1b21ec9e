package io.licensenotify.support.violations;

import io.licensenotify.ports.out.SendOutcome;

/** Breaks the shared-helpers rule on purpose: plumbing that knows a port's type. */
public class HelperUsingAPort {
    public Object sent() {
        return new SendOutcome.Sent("d");
    }
}
