package io.licensenotify.cli.wiring;

import com.google.inject.AbstractModule;
import io.licensenotify.application.SendNotificationsService;
import io.licensenotify.ports.in.SendNotificationsUseCase;

/** The use case, driven by the application service over whatever the other modules bind to the ports. */
public final class ServiceModule extends AbstractModule {
    @Override
    protected void configure() {
        bind(SendNotificationsUseCase.class).to(SendNotificationsService.class);
    }
}
