package io.licensenotify.cli;

import io.licensenotify.domain.NotificationKind;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.UUID;

/** What the commands' options take, each typed the way people type it, and refused with a sentence that says why. */
final class Converters {
    private Converters() {
    }

    static final class Uuids implements ITypeConverter<UUID> {
        @Override
        public UUID convert(String value) {
            String v = value.trim();
            if (v.matches("[0-9a-fA-F]{32}"))
                v = v.replaceFirst("(.{8})(.{4})(.{4})(.{4})(.{12})", "$1-$2-$3-$4-$5");
            // UUID.fromString takes "1-2-3-4-5" too: only the 36-character form and 32 hex digits are uuids here
            if (!v.matches("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"))
                throw new TypeConversionException("'" + value + "' is not a UUID (36 characters with dashes, or 32"
                        + " hex digits)");
            return UUID.fromString(v);
        }
    }

    /**
     * What people type for a kind: any case, {@code -} for {@code _}, {@code DIGEST} and a bare percent ({@code 75})
     * too; the ledger's stored form stays strict ({@link NotificationKind#parse}).
     */
    static final class Kinds implements ITypeConverter<NotificationKind> {
        @Override
        public NotificationKind convert(String value) {
            String c = value.trim().toUpperCase(Locale.ROOT).replace('-', '_');
            if (c.equals("DIGEST")) c = NotificationKind.WEEKLY_DIGEST.code();
            if (c.matches("[0-9]+")) c = "UTILIZATION_" + Integer.parseInt(c);
            try {
                return NotificationKind.parse(c);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** An enterprise-customer-user id, as the LMS numbers them: 1 and up. */
    static final class EcuIds implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            long id;
            try {
                id = Long.parseLong(value.trim());
            } catch (NumberFormatException e) {
                id = 0;
            }
            if (id < 1) throw new TypeConversionException("'" + value + "': an ECU id is a whole number above 0");
            return id;
        }
    }

    /** {@code --as-of 2024-05-31}: an ISO date. */
    static final class Dates implements ITypeConverter<LocalDate> {
        @Override
        public LocalDate convert(String value) {
            try {
                return LocalDate.parse(value.trim());
            } catch (DateTimeParseException e) {
                throw new TypeConversionException("'" + value
                        + "' is not a date (expected yyyy-MM-dd, like 2024-05-31)");
            }
        }
    }
}
