package io.licensenotify.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.Optional;

/**
 * The {@code --report} file and the metrics textfile: checked before a run sends anything, written atomically after
 * it, with the permissions the process's umask gives a new file (0644 under umask 022: node_exporter's own user reads
 * the textfile; neither file holds a secret). Only a regular file is ever replaced: the rename of a new file over a
 * symlink or a device would replace the link or the device node itself.
 */
final class ReportFile {
    private static final SecureRandom RANDOM = new SecureRandom();
    /** {@code --report -}: the report goes to standard output. */
    static final Path STANDARD_OUTPUT = Path.of("-");

    private ReportFile() {
    }

    /**
     * Why {@code file} cannot be written, if it cannot: its folder is missing or read-only, it is a folder, or it
     * is something else than a regular file (a symlink, a device, a pipe).
     */
    static Optional<String> problem(Path file) {
        if (file.equals(STANDARD_OUTPUT)) return Optional.empty();
        Path absolute = file.toAbsolutePath();
        Path dir = absolute.getParent();
        if (Files.isDirectory(absolute, LinkOption.NOFOLLOW_LINKS)) return Optional.of(file + " is a folder");
        if (Files.exists(absolute, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(absolute, LinkOption.NOFOLLOW_LINKS))
            return Optional.of(notRegular(file));
        if (dir == null || !Files.isDirectory(dir)) return Optional.of("folder " + dir + " does not exist");
        if (Files.exists(absolute) && !Files.isWritable(absolute)) return Optional.of(file + " is not writable");
        try {
            Files.delete(createTemp(dir));
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
            if (Files.exists(absolute, LinkOption.NOFOLLOW_LINKS)
                    && !Files.isRegularFile(absolute, LinkOption.NOFOLLOW_LINKS))
                throw new IOException(notRegular(file));
            temp = createTemp(absolute.getParent());
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

    /** A new empty file beside the target, created as any file is (mode 0666 less the umask), never over another. */
    private static Path createTemp(Path dir) throws IOException {
        while (true) {
            Path temp = dir.resolve(".license-notify-" + Long.toUnsignedString(RANDOM.nextLong(), 36) + ".tmp");
            try {
                Files.newByteChannel(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
                return temp;
            } catch (FileAlreadyExistsException taken) {
                // another name
            }
        }
    }

    private static String notRegular(Path file) {
        return file + " is not a regular file (a symlink, a device or a pipe), which would be replaced: give a file's"
                + " path, or - for standard output";
    }
}
