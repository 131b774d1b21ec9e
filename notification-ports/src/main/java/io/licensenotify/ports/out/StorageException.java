package io.licensenotify.ports.out;

/** The database could not be read or written. The message never carries the database password. */
public class StorageException extends RuntimeException {
    private final boolean transientFailure;

    public StorageException(String message, boolean transientFailure, Throwable cause) {
        super(message, cause);
        this.transientFailure = transientFailure;
    }

    /** True for lost connections, lock and statement timeouts: a later run may succeed. */
    public boolean isTransient() {
        return transientFailure;
    }
}
