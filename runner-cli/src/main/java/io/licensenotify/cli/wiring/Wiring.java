package io.licensenotify.cli.wiring;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import io.licensenotify.cli.config.Config;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** Builds the application's injector once the configuration is known to be valid for the command. */
public final class Wiring {
    private Wiring() {
    }

    /**
     * The production modules: the adapters and the application service, for a configuration validated for
     * {@code needs}. Modules must build their objects lazily ({@code @Provides}), so that {@code migrate} with a
     * database-only configuration never constructs the LMS or Braze clients.
     */
    public static List<Module> adapterModules(Config config, Config.Needs needs) {
        if (needs == Config.Needs.DATABASE) return List.of(new PersistenceModule());
        return List.of(new PersistenceModule(), new LmsModule(), new BrazeModule(), new ServiceModule());
    }

    /** The injector of one command run: {@link CoreModule} plus the modules of {@code app}. */
    public static Injector injector(Config config, Config.Needs needs, Clock clock, AppModules app) {
        List<Module> modules = new ArrayList<>();
        modules.add(new CoreModule(config, clock));
        modules.addAll(app.modules(config, needs));
        return Guice.createInjector(modules);
    }
}
