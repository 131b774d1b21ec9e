package io.licensenotify.adapter.braze.violations;

/** A class of one adapter, for the adapter rule's failing case. */
public class BrazeThing {
    public String name() {
        return "braze";
    }
}
