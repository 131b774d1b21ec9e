package io.licensenotify.cli.config;

import java.util.List;

/** The configuration cannot be used: every problem, each naming its key. The command exits 2, nothing is sent. */
public class ConfigException extends RuntimeException {
    private final List<String> problems;

    public ConfigException(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public ConfigException(String problem) {
        this(List.of(problem));
    }

    public List<String> problems() {
        return problems;
    }
}
