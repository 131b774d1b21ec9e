package io.licensenotify.cli.config;

import java.util.List;

/** The configuration cannot be used: every problem, each naming its key. The command exits 2, nothing is sent. */
public class ConfigException extends RuntimeException {
    private final List<String> problems;
    private final List<String> warnings;

    public ConfigException(List<String> problems) {
        this(problems, List.of());
    }

    /** @param warnings shown with the problems: an unknown key is often the cause of a missing one */
    public ConfigException(List<String> problems, List<String> warnings) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
        this.warnings = List.copyOf(warnings);
    }

    public ConfigException(String problem) {
        this(List.of(problem));
    }

    public List<String> problems() {
        return problems;
    }

    public List<String> warnings() {
        return warnings;
    }
}
