package io.licensenotify.cli.wiring;

import com.google.inject.ConfigurationException;
import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Module;
import com.google.inject.ProvisionException;
import com.google.inject.TypeLiteral;
import com.google.inject.spi.Message;
import io.licensenotify.adapter.persistence.Database;
import io.licensenotify.adapter.persistence.LedgerSchema;
import io.licensenotify.cli.config.Config;
import io.licensenotify.cli.config.Keys;
import io.licensenotify.cli.config.Settings;
import io.licensenotify.ports.in.SendNotificationsUseCase;
import io.licensenotify.ports.out.DeliveryHistory;
import io.licensenotify.ports.out.Suppressions;
import io.licensenotify.ports.out.DeliveryLedger;
import io.licensenotify.ports.out.ErrorReporter;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The production {@link AppFactory}: one Guice injector per command, with the modules that command needs, so that
 * {@code migrate} and {@code history} never build the LMS or Braze clients. What a provider throws (a database that
 * cannot be opened) reaches the command as itself, not wrapped by Guice.
 */
public final class Wiring implements AppFactory {
    private final Clock clock;

    /** @param clock the system clock in UTC in production */
    public Wiring(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public SendApp send(Config config, boolean dryRun) {
        Injector injector = injector(config, Config.Needs.EVERYTHING, dryRun);
        // the migration (and so the database) first, as the command runs them
        SchemaMigration migration = instance(() -> injector.getInstance(SchemaMigration.class));
        return new SendApp(migration, instance(() -> injector.getInstance(SendNotificationsUseCase.class)),
                instance(() -> injector.getInstance(Meters.class)), () -> {
                    try {
                        instance(() -> injector.getInstance(Database.class)).cancelRunning();
                    } catch (Database.NotFound none) {
                        // a dry run on a database not created yet: nothing runs there
                    }
                });
    }

    @Override
    public SchemaMigration migration(Config config) {
        Injector injector = injector(config, Config.Needs.DATABASE, false);
        return instance(() -> injector.getInstance(SchemaMigration.class));
    }

    @Override
    public HistoryApp history(Config config) {
        Injector injector = injector(config, Config.Needs.DATABASE, true);
        try {
            return new HistoryApp(instance(() -> injector.getInstance(LedgerSchema.State.class)),
                    instance(() -> injector.getInstance(DeliveryHistory.class)));
        } catch (Database.NotFound e) {
            return new HistoryApp(new LedgerSchema.State(Optional.empty(), "", 0, e.database()), query -> List.of());
        }
    }

    @Override
    public ReleaseApp release(Config config) {
        Injector injector = injector(config, Config.Needs.DATABASE, true);
        return new ReleaseApp(instance(() -> injector.getInstance(LedgerSchema.State.class)),
                instance(() -> injector.getInstance(DeliveryLedger.class)),
                config.get(Keys.CLAIM_LEASE), Settings.rules(config),
                instance(() -> injector.getInstance(Suppressions.class)));
    }

    @Override
    public SuppressionsApp suppressions(Config config) {
        Injector injector = injector(config, Config.Needs.DATABASE, false);
        return new SuppressionsApp(instance(() -> injector.getInstance(SchemaMigration.class)),
                instance(() -> injector.getInstance(Suppressions.class)));
    }

    @Override
    public ErrorReporter errorReporter(Config config) {
        Injector injector = instance(() -> Guice.createInjector(new CoreModule(config, clock), new BrazeModule()));
        return instance(() -> injector.getInstance(ErrorReporter.class));
    }

    @Override
    public List<Probe> probes(Config config) {
        Injector injector = injector(config, Config.Needs.EVERYTHING, true);
        Set<Probe> probes = instance(() -> injector.getInstance(Key.get(new TypeLiteral<Set<Probe>>() {
        })));
        return probes.stream().sorted(Comparator.comparing(Probe::name)).toList();
    }

    /**
     * Modules build their objects lazily ({@code @Provides}): only what the command asks for is made. A read-only
     * command's database is never created and gets no DDL.
     */
    private Injector injector(Config config, Config.Needs needs, boolean readOnly) {
        List<Module> modules = new ArrayList<>(List.of(new CoreModule(config, clock), new PersistenceModule(readOnly)));
        if (needs == Config.Needs.EVERYTHING)
            modules.addAll(List.of(new LmsModule(), new BrazeModule(), new ServiceModule()));
        return instance(() -> Guice.createInjector(modules));
    }

    /** Guice wraps what a provider threw; the operator wants the original. */
    static <T> T instance(Supplier<T> get) {
        try {
            return get.get();
        } catch (ProvisionException | CreationException e) {
            Throwable cause = unwrap(e);
            if (cause instanceof RuntimeException runtime) throw runtime;
            if (cause instanceof Error error) throw error;
            throw new IllegalStateException(cause.getMessage(), cause);
        } catch (ConfigurationException e) {
            throw new IllegalStateException(e.getErrorMessages().iterator().next().getMessage(), e);
        }
    }

    private static Throwable unwrap(Throwable e) {
        Throwable t = e;
        for (int i = 0; i < 10; i++) {
            Collection<Message> messages = t instanceof ProvisionException p ? p.getErrorMessages()
                    : t instanceof CreationException c ? c.getErrorMessages() : null;
            if (messages == null) break;
            Throwable first = messages.isEmpty() ? null : messages.iterator().next().getCause();
            if (t.getCause() == null && first != null) t = first;
            else if (t.getCause() != null) t = t.getCause();
            else break;
        }
        return t;
    }
}
