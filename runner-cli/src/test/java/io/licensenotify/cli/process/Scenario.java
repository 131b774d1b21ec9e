package io.licensenotify.cli.process;

import io.licensenotify.adapter.persistence.LicenseManagerFixture;
import io.licensenotify.standin.BrazeStandIn.Email;
import io.licensenotify.standin.LmsStandIn.Admin;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * License data and admins the process tests run on, and the emails due from them. Enterprises are named by
 * number so that runs are reproducible; dates are relative to the as-of day given to the command.
 */
final class Scenario {
    static final LocalDate AS_OF = LocalDate.of(2026, 3, 2);
    static final Instant PLAN_START = Instant.parse("2020-01-01T00:00:00Z");
    static final Instant PLAN_END = Instant.parse("2099-12-31T00:00:00Z");

    /** An enterprise with one auto-assign plan of {@code allocated} of {@code total} licenses, and its admins. */
    record Org(UUID uuid, String name, String slug, int allocated, int total, List<Admin> admins) {
        /** The threshold campaign due now (the highest crossed), if any. */
        String thresholdCampaign() {
            if (total > 0 && allocated * 100L >= total * 100L) return "campaign-100";
            if (total > 0 && allocated * 100L >= total * 75L) return "campaign-75";
            return null;
        }
    }

    final List<Org> orgs = new ArrayList<>();

    static UUID enterprise(int n) {
        return UUID.fromString(String.format("e1000000-0000-4000-8000-%012d", n));
    }

    /** How the summary names enterprise {@code uuid} of a scenario: its uuid and its name. */
    static String described(Object uuid) {
        String id = uuid.toString();
        return id + " (Enterprise " + Long.parseLong(id.substring(id.lastIndexOf('-') + 1)) + ")";
    }

    static Instant daysBefore(LocalDate day, int days) {
        return day.minusDays(days).atTime(9, 30).toInstant(ZoneOffset.UTC);
    }

    /**
     * Four enterprises: 1 crosses 75 % (two admins who joined two days ago), 2 is at 100 % (two admins, 75 %
     * superseded), 3 is under 75 % with an admin of 30 days (weekly digest), 4 is at 50 % with two admins of 20
     * days (digests). Seven emails are due as of {@link #AS_OF}.
     */
    static Scenario standard() {
        Scenario s = new Scenario();
        s.org(1, 15, 20, List.of(Admin.of(101, 1001, "Alice", daysBefore(AS_OF, 2)), Admin.of(102, 1002, "Bob", daysBefore(AS_OF, 2))));
        s.org(2, 10, 10, List.of(Admin.of(201, 2001, "Carol", daysBefore(AS_OF, 3)), Admin.of(202, 2002, "Dan", daysBefore(AS_OF, 1))));
        s.org(3, 3, 10, List.of(Admin.of(301, 3001, "Erin", daysBefore(AS_OF, 30))));
        s.org(4, 5, 10, List.of(Admin.of(401, 4001, "Frank", daysBefore(AS_OF, 20)), Admin.of(402, 4002, "Grace", daysBefore(AS_OF, 20))));
        return s;
    }

    /**
     * Enterprise {@code n} with the first 8 hex digits of its uuid spread (n times an odd constant), so that the
     * enterprises 1 to 4k fall k in each of 4 shards.
     */
    static UUID spreadEnterprise(int n) {
        return UUID.fromString(String.format("%08x-0000-4000-8000-%012d", (n * 2_654_435_761L) & 0xFFFFFFFFL, n));
    }

    /** {@code n} enterprises, every third at 75 %, every third at 100 %, each with {@code admins} admins due a digest. */
    static Scenario many(int n, int admins) {
        return many(n, admins, Scenario::enterprise);
    }

    /** As {@link #many(int, int)}, with uuids spread over shards ({@link #spreadEnterprise}). */
    static Scenario spread(int n, int admins) {
        return many(n, admins, Scenario::spreadEnterprise);
    }

    private static Scenario many(int n, int admins, java.util.function.IntFunction<UUID> ids) {
        Scenario s = new Scenario();
        for (int i = 1; i <= n; i++) {
            List<Admin> list = new ArrayList<>();
            for (int a = 1; a <= admins; a++)
                list.add(Admin.of(i * 100L + a, i * 1000L + a, "Admin" + i + "x" + a, daysBefore(AS_OF, 10)));
            int allocated = switch (i % 3) { case 0 -> 10; case 1 -> 8; default -> 2; };
            s.org(ids.apply(i), i, allocated, 10, list);
        }
        return s;
    }

    Org org(int n, int allocated, int total, List<Admin> admins) {
        return org(enterprise(n), n, allocated, total, admins);
    }

    Org org(UUID uuid, int n, int allocated, int total, List<Admin> admins) {
        Org org = new Org(uuid, "Enterprise " + n, "enterprise-" + n, allocated, total, List.copyOf(admins));
        orgs.add(org);
        return org;
    }

    /** Writes license-manager's rows for every enterprise and tells the LMS their admins. */
    void load(ItDatabase db, FakeLms lms) {
        LicenseManagerFixture f = db.fixture();
        for (Org org : orgs) {
            UUID agreement = f.agreement(org.uuid(), org.name(), org.slug());
            UUID plan = f.plan(agreement, org.name() + " plan", PLAN_START, PLAN_END, true, true);
            f.licenses(plan, "activated", org.allocated());
            f.licenses(plan, "unassigned", org.total() - org.allocated());
            f.licenses(plan, "revoked", 1);
            lms.admins(org.uuid(), org.admins());
        }
        f.flush();
    }

    /** The emails due as of {@code day} to an admin who got nothing yet: thresholds and digests. */
    Set<Email> due(LocalDate day) {
        Set<Email> due = new LinkedHashSet<>();
        for (Org org : orgs) {
            for (Admin a : org.admins()) {
                if (!a.active()) continue;
                if (org.thresholdCampaign() != null)
                    due.add(new Email(org.thresholdCampaign(), org.uuid().toString(), Long.toString(a.userId())));
                LocalDate joined = a.created().atZone(ZoneOffset.UTC).toLocalDate();
                if (!day.isBefore(joined.plusDays(7)))
                    due.add(new Email("campaign-digest", org.uuid().toString(), Long.toString(a.userId())));
            }
        }
        return due;
    }
}
