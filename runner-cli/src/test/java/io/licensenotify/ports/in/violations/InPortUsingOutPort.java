package io.licensenotify.ports.in.violations;

import io.licensenotify.ports.out.Messenger;

/** Breaks the port-direction rule on purpose: the use case must not know what the service needs of the world. */
public interface InPortUsingOutPort {
    Messenger messenger();
}
