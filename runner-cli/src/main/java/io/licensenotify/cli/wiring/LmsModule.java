package io.licensenotify.cli.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import io.licensenotify.adapter.lms.LmsAdmins;
import io.licensenotify.adapter.lms.LmsSettings;
import io.licensenotify.cli.config.Config;
import io.licensenotify.cli.config.Settings;
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
        return Settings.lms(config);
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
