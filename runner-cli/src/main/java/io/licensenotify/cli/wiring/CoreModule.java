package io.licensenotify.cli.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import io.licensenotify.application.RunSettings;
import io.licensenotify.cli.config.Config;
import io.licensenotify.cli.config.Settings;
import io.licensenotify.domain.NotificationRules;

import java.time.Clock;
import java.util.Objects;

/**
 * What every command shares: the validated configuration, the clock (the system clock in UTC in production),
 * the run's {@link Meters}, the notification rules and the run settings. Typed values are provided lazily, so a command that needs only
 * the database never reads the rest of the configuration.
 */
public final class CoreModule extends AbstractModule {
    private final Config config;
    private final Clock clock;

    public CoreModule(Config config, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    protected void configure() {
        bind(Config.class).toInstance(config);
        bind(Clock.class).toInstance(clock);
        bind(Meters.class).toInstance(new Meters());
        // declared here so that check works (and says so) before any adapter adds its probe
        Multibinder.newSetBinder(binder(), Probe.class);
    }

    @Provides
    @Singleton
    NotificationRules rules() {
        return Settings.rules(config);
    }

    @Provides
    @Singleton
    RunSettings runSettings() {
        return Settings.run(config);
    }
}
