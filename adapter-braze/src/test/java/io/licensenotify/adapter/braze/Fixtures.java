package io.licensenotify.adapter.braze;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import io.licensenotify.domain.Admin;
import io.licensenotify.domain.Enterprise;
import io.licensenotify.domain.LicenseCounts;
import io.licensenotify.domain.NotificationKind;
import io.licensenotify.domain.Plan;
import io.licensenotify.ports.out.Message;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.LongStream;

/** Test data and a log capture shared by the Braze tests. */
final class Fixtures {
    static final String API_KEY = "brz-SECRET-3f9a7c51";
    static final String CAMPAIGN_75 = "camp-utilization-75";
    static final String CAMPAIGN_DIGEST = "camp-weekly-digest";
    static final String CAMPAIGN_ERRORS = "camp-run-errors";
    static final String PATH = "/campaigns/trigger/send";
    static final UUID ENTERPRISE = UUID.fromString("11111111-2222-3333-4444-555555555555");
    static final UUID PLAN = UUID.fromString("aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee");
    static final LocalDate TODAY = LocalDate.of(2026, 5, 4);

    private Fixtures() {
    }

    /** Tiny backoffs keep the tests fast; three attempts. */
    static BrazeSettings.Builder settings(String baseUrl) {
        return BrazeSettings.builder(URI.create(baseUrl), API_KEY)
                .campaign(NotificationKind.threshold(75), CAMPAIGN_75)
                .campaign(NotificationKind.WEEKLY_DIGEST, CAMPAIGN_DIGEST)
                .timeouts(Duration.ofSeconds(2), Duration.ofSeconds(2))
                .retries(3, Duration.ofMillis(1), Duration.ofMillis(5))
                .maxRateLimitWait(Duration.ofSeconds(5));
    }

    static Enterprise enterprise(String slug) {
        return Enterprise.of(ENTERPRISE, "Acme Learning", slug);
    }

    /** 3 of 4 seats allocated (75 %); 3 revoked seats do not count. Expires 02:00 UTC on March 6, 2027. */
    static Plan plan() {
        return new Plan(PLAN, "Acme 2026", Instant.parse("2026-01-01T00:00:00Z"),
                Instant.parse("2027-03-06T02:00:00Z"), true, true, new LicenseCounts(1, 2, 1, 3));
    }

    static Admin admin(long ecuId, long lmsUserId) {
        return new Admin(ecuId, Optional.of(lmsUserId), "user" + lmsUserId, "First" + lmsUserId,
                "user" + lmsUserId + "@example.com", true, Instant.parse("2026-01-10T09:00:00Z"));
    }

    static List<Admin> admins(int count) {
        return LongStream.rangeClosed(1, count).mapToObj(i -> admin(100 + i, 9000 + i)).toList();
    }

    static Message threshold75(List<Admin> recipients) {
        return new Message(NotificationKind.threshold(75), enterprise("acme"), plan(), recipients, TODAY);
    }

    /** Captures every log line of every logger while a test runs. */
    static final class LogCapture implements AutoCloseable {
        private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

        LogCapture() {
            appender.start();
            root.addAppender(appender);
        }

        List<ILoggingEvent> events() {
            synchronized (appender) {
                return List.copyOf(appender.list);
            }
        }

        /** Each line as written, with its stack trace if any. */
        List<String> lines() {
            return events().stream().map(e -> e.getLevel() + " " + e.getFormattedMessage()
                    + (e.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(e.getThrowableProxy()))).toList();
        }

        @Override
        public void close() {
            root.detachAppender(appender);
            appender.stop();
        }
    }
}
