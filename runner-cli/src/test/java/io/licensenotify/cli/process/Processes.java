package io.licensenotify.cli.process;

import io.licensenotify.cli.process.LicenseNotifyProcess.Result;
import io.licensenotify.standin.Answer;
import io.licensenotify.standin.BrazeStandIn.Email;
import io.licensenotify.standin.LmsStandIn.Admin;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/** What the process tests share: the standard command, secrets that must never be printed, bounded waits. */
final class Processes {
    private static final AtomicLong SLOW_DISPATCHES = new AtomicLong();

    private Processes() {
    }

    /** The send command's configuration for these stand-ins and this database; small retries keep faults quick. */
    static LicenseNotifyProcess command(Path dir, ItDatabase db, FakeLms lms, FakeBraze braze) {
        return LicenseNotifyProcess.in(dir).with(db.config()).with(lms.config()).with(braze.config())
                .with("notify.concurrency", "4");
    }

    /** Neither the LMS client secret, its token, the Braze key nor the database password is ever printed. */
    static void assertNoSecret(Result result, ItDatabase db) {
        assertThat(result.output()).as("what %s printed", result.args())
                .doesNotContain(FakeLms.CLIENT_SECRET).doesNotContain(FakeLms.TOKEN).doesNotContain(FakeBraze.API_KEY);
        String password = db.target.password();
        if (!password.isEmpty()) assertThat(result.output()).doesNotContain(password);
    }

    /** Braze's success answer, for faults that delay it. */
    static Answer created() {
        return Answer.json(201, "{\"dispatch_id\":\"slow-" + SLOW_DISPATCHES.incrementAndGet() + "\",\"message\":\"success\"}");
    }

    /** Polls until {@code condition} holds, at most {@code timeout}; fails naming what it waited for. */
    static void awaitCondition(BooleanSupplier condition, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("waited " + timeout + " for " + what);
            pause(20);
        }
    }

    /** Polls until {@code condition} holds, the process ends or {@code timeout} passes, whichever comes first. */
    static void awaitConditionOrEnd(LicenseNotifyProcess.Running process, BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean() && process.isAlive() && System.nanoTime() < deadline) pause(5);
    }

    /** Lets a lease run out: waiting for time to pass is what the test is about, not an assertion. */
    static void waitPast(Duration lease) {
        pause(lease.toMillis() + 300);
    }

    /** enterprise/ecuId/KIND of a received email, as the run report names deliveries. */
    static String key(Scenario scenario, Email email) {
        for (Scenario.Org org : scenario.orgs) {
            if (!org.uuid().toString().equals(email.enterprise())) continue;
            for (Admin a : org.admins())
                if (Long.toString(a.userId()).equals(email.userId()))
                    return email.enterprise() + "/" + a.ecuId() + "/" + kind(email.campaign());
        }
        throw new IllegalArgumentException("no admin for " + email);
    }

    static String kind(String campaign) {
        return switch (campaign) {
            case "campaign-75" -> "UTILIZATION_75";
            case "campaign-100" -> "UTILIZATION_100";
            case "campaign-digest" -> "WEEKLY_DIGEST";
            default -> throw new IllegalArgumentException(campaign);
        };
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
