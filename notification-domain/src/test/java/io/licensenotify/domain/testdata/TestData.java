package io.licensenotify.domain.testdata;

import io.licensenotify.domain.Admin;
import io.licensenotify.domain.Enterprise;
import io.licensenotify.domain.LicenseCounts;
import io.licensenotify.domain.Plan;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/** Builders for domain values: {@code aPlan().withAssigned(75).of(100)}, {@code anAdmin().activatedOn(day)}. */
public final class TestData {
    private static final AtomicLong SEQUENCE = new AtomicLong(1000);

    /** The day most tests evaluate. */
    public static final LocalDate TODAY = LocalDate.of(2026, 11, 25);

    private TestData() {
    }

    public static UUID uuid(long n) {
        return new UUID(0x1234_5678_9abc_4defL, 0x8000_0000_0000_0000L | n);
    }

    public static Enterprise anEnterprise() {
        long n = SEQUENCE.incrementAndGet();
        return Enterprise.of(uuid(n), "Enterprise " + n, "enterprise-" + n);
    }

    public static PlanBuilder aPlan() {
        return new PlanBuilder();
    }

    public static AdminBuilder anAdmin() {
        return new AdminBuilder();
    }

    public static Instant at(LocalDate date) {
        return date.atStartOfDay().toInstant(ZoneOffset.UTC);
    }

    public static final class PlanBuilder {
        private UUID uuid = TestData.uuid(SEQUENCE.incrementAndGet());
        private String title = "Plan";
        private Instant start = at(TODAY.minusDays(30));
        private Instant expiration = at(TODAY.plusDays(335));
        private boolean autoApply = true;
        private boolean active = true;
        private long unassigned;
        private long assigned;
        private long activated;
        private long revoked;

        public PlanBuilder uuid(UUID value) {
            uuid = value;
            return this;
        }

        public PlanBuilder titled(String value) {
            title = value;
            return this;
        }

        public PlanBuilder starting(Instant value) {
            start = value;
            return this;
        }

        public PlanBuilder expiring(Instant value) {
            expiration = value;
            return this;
        }

        public PlanBuilder autoApply(boolean value) {
            autoApply = value;
            return this;
        }

        public PlanBuilder active(boolean value) {
            active = value;
            return this;
        }

        public PlanBuilder withAssigned(long value) {
            assigned = value;
            return this;
        }

        public PlanBuilder withActivated(long value) {
            activated = value;
            return this;
        }

        public PlanBuilder withRevoked(long value) {
            revoked = value;
            return this;
        }

        public PlanBuilder withUnassigned(long value) {
            unassigned = value;
            return this;
        }

        /** Fills the plan up to {@code total} non-revoked licenses with unassigned ones, and builds it. */
        public Plan of(long total) {
            unassigned = total - assigned - activated;
            return build();
        }

        public Plan build() {
            return new Plan(uuid, title, start, expiration, autoApply, active,
                    new LicenseCounts(unassigned, assigned, activated, revoked));
        }
    }

    public static final class AdminBuilder {
        private long ecuId = SEQUENCE.incrementAndGet();
        private Optional<Long> lmsUserId = Optional.of(ecuId + 500_000);
        private String email = "admin" + ecuId + "@example.com";
        private boolean active = true;
        private Instant activatedAt = at(TODAY.minusDays(3));

        public AdminBuilder ecuId(long value) {
            ecuId = value;
            return this;
        }

        public AdminBuilder lmsUserId(long value) {
            lmsUserId = Optional.of(value);
            return this;
        }

        public AdminBuilder withoutLmsUser() {
            lmsUserId = Optional.empty();
            return this;
        }

        public AdminBuilder withoutEmail() {
            email = "";
            return this;
        }

        public AdminBuilder inactive() {
            active = false;
            return this;
        }

        public AdminBuilder activatedOn(LocalDate day) {
            activatedAt = at(day);
            return this;
        }

        /** The LMS gave no {@code created} time for this admin. */
        public AdminBuilder withoutActivationTime() {
            activatedAt = null;
            return this;
        }

        public AdminBuilder activatedAt(Instant value) {
            activatedAt = value;
            return this;
        }

        public Admin build() {
            return new Admin(ecuId, lmsUserId, "user" + ecuId, "First" + ecuId, email, active,
                    Optional.ofNullable(activatedAt));
        }
    }
}
