package io.licensenotify.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import net.logstash.logback.encoder.LogstashEncoder;
import net.logstash.logback.fieldnames.LogstashFieldNames;
import org.slf4j.LoggerFactory;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Log lines go to stderr (stdout is the command's output): readable text by default, one JSON object per line
 * for log collectors. Configured in code so that the format can follow {@code --log-format}. Either way a line
 * never carries a secret nor a line break from outside: see {@link LogSafety}.
 */
public final class Logging {
    static final String TEXT_PATTERN =
            "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] %logger{24} - %escapedMsg%n%escapedEx";

    private Logging() {
    }

    public static void configure(LogFormat format, boolean verbose, OutputStream target) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        Encoder<ILoggingEvent> encoder;
        if (format == LogFormat.json) {
            encoder = json(context);
        } else {
            PatternLayout layout = new PatternLayout();
            layout.setContext(context);
            layout.getInstanceConverterMap().put("escapedMsg", LogSafety.EscapedMessage::new);
            layout.getInstanceConverterMap().put("escapedEx", LogSafety.EscapedThrowable::new);
            layout.setPattern(TEXT_PATTERN);
            layout.start();
            LayoutWrappingEncoder<ILoggingEvent> text = new LayoutWrappingEncoder<>();
            text.setContext(context);
            text.setLayout(layout);
            text.setCharset(StandardCharsets.UTF_8);
            text.start();
            encoder = text;
        }
        LogSafety.Masking masking = new LogSafety.Masking(encoder);
        masking.setContext(context);
        masking.start();
        OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
        appender.setContext(context);
        appender.setName("stderr");
        appender.setEncoder(masking);
        appender.setImmediateFlush(true);
        // reset() stops the appender of a command run before (the demo runs commands inside its own) and an
        // appender closes its stream on stop: stderr itself must stay open for the next one
        appender.setOutputStream(new FilterOutputStream(target) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        });
        appender.start();

        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(appender);
        context.getLogger("io.licensenotify").setLevel(verbose ? Level.DEBUG : Level.INFO);
        // libraries that talk a lot at INFO about things an operator does not act on
        context.getLogger("com.zaxxer.hikari").setLevel(Level.WARN);
        context.getLogger("org.jooq").setLevel(Level.WARN);
        context.getLogger("com.sun.net.httpserver").setLevel(Level.WARN);
        // nine lines per run about versions and baselines; the command says the ledger's version in one
        context.getLogger("org.flywaydb").setLevel(Level.WARN);
        // MariaDB's driver logs every error the server answers at WARN (a wrong password, a missing table) beside
        // the exception that carries it, which our own message names: kept for --verbose
        context.getLogger("org.mariadb.jdbc").setLevel(verbose ? Level.WARN : Level.ERROR);
    }

    /**
     * One JSON object per line, as log shippers read them: {@code @timestamp} (ISO-8601, UTC), {@code level},
     * {@code logger_name}, {@code thread_name}, {@code message} (formatted), {@code stack_trace} when there is one,
     * and the MDC's {@code run_id}, {@code shard} and {@code enterprise} where a run set them.
     */
    private static Encoder<ILoggingEvent> json(LoggerContext context) {
        LogstashEncoder json = new LogstashEncoder();
        json.setContext(context);
        json.setTimeZone("UTC");
        json.setIncludeContext(false);
        LogstashFieldNames names = new LogstashFieldNames();
        names.setVersion(LogstashFieldNames.IGNORE_FIELD_INDICATOR);
        names.setLevelValue(LogstashFieldNames.IGNORE_FIELD_INDICATOR);
        json.setFieldNames(names);
        return json;
    }

    /** Masks these values (the configuration's secrets) in every later log line, wherever they appear. */
    public static void maskAlso(Set<String> secrets) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.putObject(LogSafety.KNOWN_SECRETS, new LogSafety.KnownSecrets(secrets));
    }
}
