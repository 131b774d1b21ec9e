package io.licensenotify.ports.testing;

import io.licensenotify.ports.in.RunReport;
import io.licensenotify.ports.out.ErrorReporter;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps the reports it was given. */
public final class RecordingErrorReporter implements ErrorReporter {
    private final List<RunReport> reports = new CopyOnWriteArrayList<>();

    @Override
    public void report(RunReport report) {
        reports.add(report);
    }

    public List<RunReport> reports() {
        return List.copyOf(reports);
    }
}
