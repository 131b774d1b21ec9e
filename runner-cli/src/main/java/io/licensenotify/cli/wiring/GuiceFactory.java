package io.licensenotify.cli.wiring;

import com.google.inject.ConfigurationException;
import com.google.inject.Injector;
import picocli.CommandLine;

import java.util.Objects;

/**
 * Lets picocli create commands through Guice, so that commands receive their collaborators by constructor.
 * What Guice cannot make (picocli's own collections, converters without an injectable constructor) falls back
 * to picocli's default factory.
 */
public final class GuiceFactory implements CommandLine.IFactory {
    private final Injector injector;

    public GuiceFactory(Injector injector) {
        this.injector = Objects.requireNonNull(injector, "injector");
    }

    @Override
    public <K> K create(Class<K> cls) throws Exception {
        try {
            return injector.getInstance(cls);
        } catch (ConfigurationException notInjectable) {
            return CommandLine.defaultFactory().create(cls);
        }
    }
}
