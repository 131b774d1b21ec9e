package io.licensenotify.cli;

/** An error as an operator reads it on one line, in the error handler's message and in a run's report alike. */
final class ErrorLine {
    private ErrorLine() {
    }

    /**
     * The first line of the message: our own errors' messages are sentences (a storage error says what failed on
     * which database); another's comes with its simple class name, which may be all it says.
     */
    static String of(Throwable t) {
        String message = t.getMessage() == null ? "" : t.getMessage().strip();
        String first = message.lines().filter(l -> !l.isBlank()).findFirst().orElse("").strip();
        if (first.isEmpty()) return t.getClass().getSimpleName();
        boolean ours = t.getClass().getName().startsWith("io.licensenotify.");
        return ours ? first : t.getClass().getSimpleName() + ": " + first;
    }
}
