package io.licensenotify.adapter.persistence.violations;

import com.google.inject.Inject;

/** Breaks the CLI rule on purpose: only runner-cli may know Guice. */
public class PersistenceUsingGuice {
    @Inject
    public PersistenceUsingGuice() {
    }
}
