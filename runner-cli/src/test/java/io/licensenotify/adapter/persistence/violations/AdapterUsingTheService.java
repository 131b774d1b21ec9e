package io.licensenotify.adapter.persistence.violations;

import io.licensenotify.application.SendNotificationsService;

/** Breaks the adapter rule on purpose: an adapter implements ports; it never drives the service. */
public class AdapterUsingTheService {
    public Class<?> service() {
        return SendNotificationsService.class;
    }
}
