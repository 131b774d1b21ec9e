package io.licensenotify.ports.in;

import java.time.LocalDate;
import java.util.Objects;

/**
 * {@code send-license-consumption-notifications}: for every enterprise with auto-assign licenses, decide which
 * emails are due on the day and send each exactly once.
 */
public interface SendNotificationsUseCase {

    RunReport run(Request request);

    /**
     * @param asOf     the day to evaluate, in the configured zone
     * @param dryRun   decide and report, but neither claim nor send
     * @param observer told of progress and of each delivery as it happens
     */
    record Request(LocalDate asOf, boolean dryRun, RunObserver observer) {
        public Request {
            Objects.requireNonNull(asOf, "asOf");
            observer = observer == null ? RunObserver.NONE : observer;
        }

        public Request(LocalDate asOf, boolean dryRun) {
            this(asOf, dryRun, RunObserver.NONE);
        }
    }
}
