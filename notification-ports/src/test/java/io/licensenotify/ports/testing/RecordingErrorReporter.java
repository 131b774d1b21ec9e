package io.licensenotify.ports.testing;

import io.licensenotify.ports.out.ErrorReporter;
import io.licensenotify.ports.out.RunProblems;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps the problems it was given; can be made to fail, as a run-error email that cannot be sent. */
public final class RecordingErrorReporter implements ErrorReporter {
    private final List<RunProblems> reports = new CopyOnWriteArrayList<>();
    private volatile Optional<String> failure = Optional.empty();

    /** Every later report fails for {@code reason}. */
    public RecordingErrorReporter failWith(String reason) {
        failure = Optional.of(reason);
        return this;
    }

    @Override
    public Optional<String> report(RunProblems problems) {
        reports.add(problems);
        return failure;
    }

    public List<RunProblems> reports() {
        return List.copyOf(reports);
    }
}
