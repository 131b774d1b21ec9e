package io.licensenotify.ports.testing;

import io.licensenotify.ports.failure.RunErrors;
import io.licensenotify.ports.out.ErrorReporter;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps the problems it was given; can be made to fail, as a run-error email that cannot be sent. */
public final class RecordingErrorReporter implements ErrorReporter {
    private final List<RunErrors> reports = new CopyOnWriteArrayList<>();
    private volatile Optional<String> failure = Optional.empty();

    /** Every later report fails for {@code reason}. */
    public RecordingErrorReporter failWith(String reason) {
        failure = Optional.of(reason);
        return this;
    }

    @Override
    public Optional<String> report(RunErrors errors) {
        reports.add(errors);
        return failure;
    }

    public List<RunErrors> reports() {
        return List.copyOf(reports);
    }
}
