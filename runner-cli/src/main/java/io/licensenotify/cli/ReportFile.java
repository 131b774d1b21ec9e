package io.licensenotify.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/** The {@code --report} file: checked before a run sends anything, written atomically after it. */
final class ReportFile {
    private ReportFile() {
    }

    /** Why {@code file} cannot be written, if it cannot: its folder is missing or read-only, or it is a folder. */
    static Optional<String> problem(Path file) {
        Path absolute = file.toAbsolutePath();
        Path dir = absolute.getParent();
        if (Files.isDirectory(absolute)) return Optional.of(file + " is a folder");
        if (dir == null || !Files.isDirectory(dir)) return Optional.of("folder " + dir + " does not exist");
        if (Files.exists(absolute) && !Files.isWritable(absolute)) return Optional.of(file + " is not writable");
        try {
            Files.delete(Files.createTempFile(dir, ".license-notify-report-", ".tmp"));
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("folder " + dir + " is not writable (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** Writes a temporary file in the same folder, then renames it over {@code file}: never half a report. */
    static void write(Path file, String content) {
        write(file, content, "report");
    }

    /** As {@link #write(Path, String)}; {@code what} names the file in an error ("report", "metrics file"). */
    static void write(Path file, String content, String what) {
        Path absolute = file.toAbsolutePath();
        Path temp = null;
        try {
            temp = Files.createTempFile(absolute.getParent(), ".license-notify-report-", ".tmp");
            Files.writeString(temp, content, StandardCharsets.UTF_8);
            try {
                Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            if (temp != null) temp.toFile().delete();
            throw new UncheckedIOException("the " + what + " cannot be written to " + file + ": " + e.getMessage(), e);
        }
    }
}
