package io.licensenotify.adapter.lms;

import com.fasterxml.jackson.databind.JsonNode;
import io.licensenotify.domain.Admin;
import io.licensenotify.domain.SkipReason;
import io.licensenotify.ports.out.AdminRoster;
import io.licensenotify.ports.out.AdminRoster.Rejected;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.licensenotify.domain.SkipReason.NOT_AN_ADMIN;
import static io.licensenotify.domain.SkipReason.NOT_THIS_ENTERPRISE;

/**
 * The rows of one enterprise's pages, read one by one, so that one bad row costs that admin only.
 * A row is the enterprise's admin only when its {@code enterprise_customer.uuid} is the enterprise asked about (with
 * or without dashes) and, where the LMS lists {@code role_assignments}, they hold {@code enterprise_admin}: the LMS applies its filters only for staff callers, and a learner must never be emailed. A row without
 * {@code enterprise_customer} cannot be shown to belong, so it is not the enterprise's.
 *
 * <p>An admin's activation is the row's {@code created} and nothing else; without it the admin comes back without
 * an activation time, and the rules skip it. Details name fields and ids, never a value from the row.
 */
final class LmsRows {
    static final String ADMIN_ROLE = "enterprise_admin";
    /** A UUID as Django may write it: 32 hex digits, or the usual 8-4-4-4-12 (compiled once: every row has one). */
    private static final Pattern DASHLESS = Pattern.compile(
            "([0-9a-fA-F]{8})([0-9a-fA-F]{4})([0-9a-fA-F]{4})([0-9a-fA-F]{4})([0-9a-fA-F]{12})");
    private static final Pattern DASHED = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final UUID enterprise;
    private final Map<Long, Admin> admins = new LinkedHashMap<>(); // the LMS order (by user id) is the stable order
    private final List<Rejected> ignored = new ArrayList<>();
    private final List<Rejected> unreadable = new ArrayList<>();

    LmsRows(UUID enterprise) {
        this.enterprise = enterprise;
    }

    /** Reads a page's rows; returns how many of them are the enterprise's rows with the admin role. */
    int read(List<JsonNode> rows) {
        int belonging = 0;
        for (JsonNode row : rows) {
            if (row == null || !row.isObject()) {
                unreadable.add(Rejected.unreadable(Optional.empty(), "a result that is no object"));
                continue;
            }
            Optional<Long> ecu = positive(row.get("id"));
            Optional<Rejected> notOurs = notOurs(ecu, row);
            if (notOurs.isPresent()) {
                ignored.add(notOurs.get());
                continue;
            }
            belonging++;
            if (ecu.isEmpty()) {
                unreadable.add(Rejected.unreadable(Optional.empty(), "a result without a positive whole 'id'"));
                continue;
            }
            try {
                admins.putIfAbsent(ecu.get(), admin(ecu.get(), row));
            } catch (Unreadable e) {
                unreadable.add(Rejected.unreadable(ecu, "ECU " + ecu.get() + ": " + e.getMessage()));
            }
        }
        return belonging;
    }

    AdminRoster roster() {
        return new AdminRoster(List.copyOf(admins.values()), ignored, unreadable);
    }

    /** The row as ignored, when it is another enterprise's or lacks the admin role. */
    private Optional<Rejected> notOurs(Optional<Long> ecu, JsonNode row) {
        JsonNode customer = row.get("enterprise_customer");
        if (customer == null || customer.isNull()) return ignored(ecu, NOT_THIS_ENTERPRISE, "no 'enterprise_customer'");
        JsonNode uuid = customer.isObject() ? customer.get("uuid") : customer;
        Optional<UUID> of = uuid == null || !uuid.isTextual() ? Optional.empty() : uuid(uuid.asText());
        if (of.isEmpty()) return ignored(ecu, NOT_THIS_ENTERPRISE, "no readable 'enterprise_customer.uuid'");
        if (!of.get().equals(enterprise))
            return ignored(ecu, NOT_THIS_ENTERPRISE, "'enterprise_customer.uuid' is another enterprise");
        JsonNode roles = row.get("role_assignments");
        if (roles == null || roles.isNull()) return Optional.empty(); // the LMS did not say: its role filter stands
        for (JsonNode role : roles) if (role.isTextual() && ADMIN_ROLE.equals(role.asText())) return Optional.empty();
        return ignored(ecu, NOT_AN_ADMIN, "'role_assignments' without '" + ADMIN_ROLE + "'");
    }

    private static Optional<Rejected> ignored(Optional<Long> ecu, SkipReason reason, String detail) {
        String named = ecu.map(id -> "ECU " + id + ": ").orElse("") + detail;
        return Optional.of(new Rejected(ecu, Optional.of(reason), named));
    }

    private static Admin admin(long ecu, JsonNode row) {
        JsonNode user = row.get("user");
        if (user == null) throw new Unreadable("lacks the field 'user'");
        Optional<Instant> activatedAt = instant(row.get("created"));
        boolean ecuActive = bool(row.get("active"), "active");
        if (user.isNull()) // an ECU without an auth user: legitimate, and the rules skip it
            return new Admin(ecu, Optional.empty(), "", "", "", ecuActive, activatedAt);
        if (!user.isObject()) throw new Unreadable("the field 'user' is no object");
        JsonNode id = user.get("id");
        if (id == null || id.isNull()) throw new Unreadable("lacks the field 'user.id'");
        if (!id.canConvertToExactIntegral() || !id.canConvertToLong())
            throw new Unreadable("the field 'user.id' is no whole number");
        return new Admin(ecu, Optional.of(id.asLong()), text(user, "username"), text(user, "first_name"),
                text(user, "email"), ecuActive && bool(user.get("is_active"), "user.is_active"), activatedAt);
    }

    private static Optional<Long> positive(JsonNode id) {
        if (id == null || !id.isIntegralNumber() || !id.canConvertToLong() || id.asLong() <= 0) return Optional.empty();
        return Optional.of(id.asLong());
    }

    /** Django's UUIDs come with dashes, or as 32 hex digits from MySQL-backed serializers. */
    static Optional<UUID> uuid(String value) {
        String v = value.strip();
        Matcher dashless = DASHLESS.matcher(v);
        if (dashless.matches()) v = dashless.replaceFirst("$1-$2-$3-$4-$5");
        if (!DASHED.matcher(v).matches()) return Optional.empty();
        return Optional.of(UUID.fromString(v));
    }

    /** Absent is active, as the LMS's default is. */
    private static boolean bool(JsonNode node, String field) {
        if (node == null || node.isNull()) return true;
        if (!node.isBoolean()) throw new Unreadable("the field '" + field + "' is no boolean");
        return node.asBoolean();
    }

    private static String text(JsonNode user, String field) {
        JsonNode node = user.get(field);
        if (node == null || node.isNull()) return "";
        if (!node.isTextual()) throw new Unreadable("the field 'user." + field + "' is no text");
        return node.asText();
    }

    /** Django writes ISO-8601 with an offset or Z, often with microseconds; a bare time is taken as UTC. */
    private static Optional<Instant> instant(JsonNode created) {
        if (created == null || created.isNull()) return Optional.empty();
        Optional<Instant> instant = IsoTimes.instant(created.isTextual() ? created.asText() : "");
        if (instant.isEmpty()) throw new Unreadable("the field 'created' is no ISO-8601 date-time");
        return instant;
    }

    /** One row cannot be read; the message names the field, never its value. */
    private static final class Unreadable extends RuntimeException {
        Unreadable(String message) {
            super(message, null, false, false);
        }
    }
}
