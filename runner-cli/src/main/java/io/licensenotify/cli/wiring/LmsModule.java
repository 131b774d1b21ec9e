package io.licensenotify.cli.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import io.licensenotify.adapter.lms.LmsAdmins;
import io.licensenotify.adapter.lms.LmsSettings;
import io.licensenotify.cli.Config;
import io.licensenotify.ports.out.Admins;

import java.time.Clock;

/** The LMS adapter: one {@link LmsAdmins} (one OAuth2 token) per run, built only when a command asks for it. */
public final class LmsModule extends AbstractModule {
    @Override
    protected void configure() {
        Multibinder.newSetBinder(binder(), Probe.class).addBinding().to(LmsProbe.class);
    }

    @Provides
    @Singleton
    LmsSettings settings(Config config) {
        return LmsSettings.builder(config.lmsBaseUrl(), config.lmsClientId(), config.lmsClientSecret())
                .tokenUrl(config.lmsTokenUrl())
                .pageSize(config.lmsPageSize())
                .maxPages(config.lmsMaxPages())
                .maxPageBytes(config.lmsMaxPageBytes())
                .circuitFailureThreshold(config.lmsCircuitFailureThreshold())
                .connectTimeout(config.lmsConnectTimeout())
                .readTimeout(config.lmsReadTimeout())
                .build();
    }

    @Provides
    @Singleton
    LmsAdmins lmsAdmins(LmsSettings settings, Clock clock) {
        return new LmsAdmins(settings, clock);
    }

    @Provides
    @Singleton
    Admins admins(LmsAdmins admins) {
        return admins;
    }
}
