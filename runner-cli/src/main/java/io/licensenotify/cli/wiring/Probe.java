package io.licensenotify.cli.wiring;

/**
 * One system the {@code check} command reaches without sending anything: the database, the LMS token endpoint,
 * Braze. Bound into a set with {@code Multibinder.newSetBinder(binder(), Probe.class)}.
 */
public interface Probe {
    /** Short name shown in the check's output: {@code database}, {@code lms}, {@code braze}. */
    String name();

    /**
     * Reaches the system once.
     *
     * @return a short line saying what was reached (no secret)
     * @throws Exception when it cannot be reached; the message is shown to the operator and must hold no secret
     */
    String probe() throws Exception;
}
