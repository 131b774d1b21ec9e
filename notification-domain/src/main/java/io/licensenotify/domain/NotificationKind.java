package io.licensenotify.domain;

/**
 * What an email is about: a utilization threshold with its percent, or the weekly digest. The
 * {@link #code()} is stable and stored in the delivery ledger.
 */
public sealed interface NotificationKind permits NotificationKind.Threshold, NotificationKind.WeeklyDigest {

    WeeklyDigest WEEKLY_DIGEST = new WeeklyDigest();

    /** Orders kinds by {@link #code()}, as reports list them. */
    java.util.Comparator<NotificationKind> BY_CODE = java.util.Comparator.comparing(NotificationKind::code);

    /** Stable name: {@code UTILIZATION_75}, {@code WEEKLY_DIGEST}. */
    String code();

    static Threshold threshold(int percent) {
        return new Threshold(percent);
    }

    /**
     * Reads a {@link #code()} back, exactly as stored ({@code WEEKLY_DIGEST}, {@code UTILIZATION_75}); rejects
     * anything else, naming it. Leniency for people typing a kind belongs to the command line, not here.
     */
    static NotificationKind parse(String code) {
        if (code == null) throw new IllegalArgumentException("notification kind is missing");
        if (code.equals(WEEKLY_DIGEST.code())) return WEEKLY_DIGEST;
        String digits = code.startsWith(Threshold.PREFIX) ? code.substring(Threshold.PREFIX.length()) : "";
        if (!digits.matches("[1-9][0-9]{0,2}"))
            throw new IllegalArgumentException("unknown notification kind '" + code
                    + "' (expected WEEKLY_DIGEST or UTILIZATION_<percent>)");
        return new Threshold(Integer.parseInt(digits));
    }

    /** Utilization reached {@code percent} % of the auto-assign plan's licenses. */
    record Threshold(int percent) implements NotificationKind {
        static final String PREFIX = "UTILIZATION_";

        public Threshold {
            if (percent < 1 || percent > 100)
                throw new IllegalArgumentException("threshold percent must be within 1..100, was " + percent);
        }

        @Override
        public String code() {
            return PREFIX + percent;
        }
    }

    /** The weekly digest, from the 7th day after the admin's activation. */
    record WeeklyDigest() implements NotificationKind {
        @Override
        public String code() {
            return "WEEKLY_DIGEST";
        }
    }
}
