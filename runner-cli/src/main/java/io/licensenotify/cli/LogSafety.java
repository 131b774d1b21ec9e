package io.licensenotify.cli;

import io.licensenotify.text.SafeText;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.EncoderBase;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;

/**
 * Logback's hooks that make every log line safe to write, whoever logged it: values from outside escaped
 * ({@code %escapedMsg}, {@code %escapedEx} in the text pattern; JSON lines are escaped by their encoder), and secrets
 * masked in the finished line of either format ({@link Masking}), the configuration's known secret values included.
 * What is escaped and masked, and how, is {@link SafeText}'s.
 */
final class LogSafety {
    /** The logger context's object holding the {@link KnownSecrets} of the configuration read. */
    static final String KNOWN_SECRETS = "license-notify.known-secrets";

    private LogSafety() {
    }

    /** The configuration's secret values, to mask in log lines wherever they appear. */
    record KnownSecrets(Set<String> values) {
        KnownSecrets {
            values = Set.copyOf(values);
        }
    }

    /** {@code %escapedMsg}: the formatted message, its control characters escaped. */
    static final class EscapedMessage extends ClassicConverter {
        @Override
        public String convert(ILoggingEvent event) {
            return SafeText.printable(event.getFormattedMessage());
        }
    }

    /** {@code %escapedEx}: the stack trace, each exception's message escaped (the frames are code, not data). */
    static final class EscapedThrowable extends ThrowableProxyConverter {
        @Override
        protected String throwableProxyToString(IThrowableProxy tp) {
            return super.throwableProxyToString(new Escaped(tp));
        }
    }

    private record Escaped(IThrowableProxy tp) implements IThrowableProxy {
        @Override
        public String getMessage() {
            return SafeText.printable(tp.getMessage());
        }

        @Override
        public String getClassName() {
            return tp.getClassName();
        }

        @Override
        public StackTraceElementProxy[] getStackTraceElementProxyArray() {
            return tp.getStackTraceElementProxyArray();
        }

        @Override
        public int getCommonFrames() {
            return tp.getCommonFrames();
        }

        @Override
        public IThrowableProxy getCause() {
            return tp.getCause() == null ? null : new Escaped(tp.getCause());
        }

        @Override
        public IThrowableProxy[] getSuppressed() {
            return tp.getSuppressed() == null ? null
                    : Arrays.stream(tp.getSuppressed()).map(Escaped::new).toArray(IThrowableProxy[]::new);
        }

        @Override
        public boolean isCyclic() {
            return tp.isCyclic();
        }
    }

    /** Masks secrets in each finished line of another encoder: URL forms of passwords and the known values. */
    static final class Masking extends EncoderBase<ILoggingEvent> {
        private final Encoder<ILoggingEvent> delegate;

        Masking(Encoder<ILoggingEvent> delegate) {
            this.delegate = delegate;
        }

        @Override
        public byte[] headerBytes() {
            return delegate.headerBytes();
        }

        @Override
        public byte[] encode(ILoggingEvent event) {
            byte[] line = delegate.encode(event);
            Set<String> known = getContext().getObject(KNOWN_SECRETS) instanceof KnownSecrets k ? k.values() : Set.of();
            String text = new String(line, StandardCharsets.UTF_8);
            String masked = SafeText.withoutSecrets(text, known);
            return masked.equals(text) ? line : masked.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public byte[] footerBytes() {
            return delegate.footerBytes();
        }

        @Override
        public void start() {
            delegate.start();
            super.start();
        }

        @Override
        public void stop() {
            delegate.stop();
            super.stop();
        }
    }
}
