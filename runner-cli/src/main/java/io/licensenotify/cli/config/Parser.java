package io.licensenotify.cli.config;

/**
 * How the text of a configuration value becomes a typed value, and a value text again (so that {@code check} and the
 * docs/operating.md show a default exactly as an operator would write it). {@link Parsers} has one for each kind of value.
 */
public interface Parser<T> {
    /**
     * The value {@code raw} (trimmed, never blank) stands for.
     *
     * @throws Invalid when it stands for none
     */
    T parse(String raw);

    /** {@code value} as an operator would write it. */
    default String show(T value) {
        return String.valueOf(value);
    }

    /**
     * A value the key does not take. {@link Config} makes it a problem naming the key: {@code <key>: '<value>' is
     * <expectation> (<where it came from>)}.
     */
    final class Invalid extends RuntimeException {
        private final String expectation;
        private final String shown;

        /** @param expectation completes "'value' is ...": {@code not a whole number} */
        public Invalid(String expectation) {
            this(expectation, null);
        }

        /** @param shown what to quote instead of the value, when the value itself must not be shown */
        public Invalid(String expectation, String shown) {
            super(expectation, null, false, false);
            this.expectation = expectation;
            this.shown = shown;
        }

        String expectation() {
            return expectation;
        }

        /** What to quote instead of the value; null to quote the value (masked as every shown value is). */
        String shown() {
            return shown;
        }
    }
}
