package io.licensenotify.cli.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import io.licensenotify.adapter.braze.BrazeErrorReporter;
import io.licensenotify.adapter.braze.BrazeMessenger;
import io.licensenotify.adapter.braze.BrazeSettings;
import io.licensenotify.cli.config.Config;
import io.licensenotify.cli.config.Settings;
import io.licensenotify.ports.out.ErrorReporter;
import io.licensenotify.ports.out.Messenger;

/**
 * The Braze adapter. One messenger per run, so that all senders share its rate limiter; the run-error notifier
 * shares it too, so its request counts against the same limit.
 */
public final class BrazeModule extends AbstractModule {
    @Override
    protected void configure() {
        Multibinder.newSetBinder(binder(), Probe.class).addBinding().to(BrazeProbe.class);
    }

    @Provides
    @Singleton
    BrazeSettings settings(Config config) {
        return Settings.braze(config);
    }

    @Provides
    @Singleton
    BrazeMessenger brazeMessenger(BrazeSettings settings) {
        return new BrazeMessenger(settings);
    }

    @Provides
    @Singleton
    Messenger messenger(BrazeMessenger messenger) {
        return messenger;
    }

    @Provides
    @Singleton
    ErrorReporter errorReporter(BrazeMessenger messenger) {
        return new BrazeErrorReporter(messenger);
    }
}
