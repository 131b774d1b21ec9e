package io.licensenotify.cli.wiring;

import com.google.inject.Module;
import io.licensenotify.cli.config.Config;

import java.util.List;

/**
 * The Guice modules that bind the ports (adapters and the application service) for a configuration that was
 * validated for what the command needs. Production uses {@link Wiring#adapterModules}; tests bind fakes.
 */
@FunctionalInterface
public interface AppModules {
    List<Module> modules(Config config, Config.Needs needs);
}
