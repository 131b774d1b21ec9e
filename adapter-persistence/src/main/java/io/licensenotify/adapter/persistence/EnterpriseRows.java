package io.licensenotify.adapter.persistence;

import io.licensenotify.domain.Enterprise;
import io.licensenotify.domain.LicenseCounts;
import io.licensenotify.domain.Plan;
import io.licensenotify.ports.out.EnterpriseLicenses;
import org.jooq.Cursor;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.exception.DataAccessException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.UUID;

import static io.licensenotify.adapter.persistence.generated.Tables.SUBSCRIPTIONS_CUSTOMERAGREEMENT;
import static io.licensenotify.adapter.persistence.generated.Tables.SUBSCRIPTIONS_LICENSE;
import static io.licensenotify.adapter.persistence.generated.Tables.SUBSCRIPTIONS_SUBSCRIPTIONPLAN;

/** The rows of {@link JooqEnterprises}'s read, folded into enterprises and plans as they arrive. */
final class EnterpriseRows {
    private static final Logger log = LoggerFactory.getLogger(JooqEnterprises.class);

    private EnterpriseRows() {
    }

    /** Folds the rows of one enterprise (adjacent, thanks to the order) into one {@link EnterpriseLicenses}. */
    static final class Grouping implements Iterator<EnterpriseLicenses> {
        private final Cursor<? extends Record> cursor;
        private final SQLDialect dialect;
        private Record lookahead;
        /** The next enterprise that can exist, ready for {@link #next()}; null until {@link #hasNext()} looks. */
        private EnterpriseLicenses pending;

        Grouping(Cursor<? extends Record> cursor, SQLDialect dialect) {
            this.cursor = cursor;
            this.dialect = dialect;
        }

        @Override
        public boolean hasNext() {
            while (pending == null) {
                Record first = lookahead != null ? lookahead : fetch();
                if (first == null) return false;
                lookahead = null;
                pending = group(first);
            }
            return true;
        }

        @Override
        public EnterpriseLicenses next() {
            if (!hasNext()) throw new NoSuchElementException();
            EnterpriseLicenses next = pending;
            pending = null;
            return next;
        }

        /**
         * Folds the rows of the enterprise of {@code first}. Null, with a warning, when license-manager holds an
         * enterprise that cannot exist (an id that is no uuid): its rows are passed over and the others go on,
         * as for a plan that cannot exist, instead of ending the whole run.
         */
        private EnterpriseLicenses group(Record first) {
            var a = SUBSCRIPTIONS_CUSTOMERAGREEMENT;
            var p = SUBSCRIPTIONS_SUBSCRIPTIONPLAN;
            String enterpriseKey = first.get(a.ENTERPRISE_CUSTOMER_UUID);
            Enterprise enterprise = null;
            String problem = null;
            try {
                enterprise = Enterprise.of(Uuids.parse(enterpriseKey), first.get(a.ENTERPRISE_CUSTOMER_NAME),
                        first.get(a.ENTERPRISE_CUSTOMER_SLUG));
            } catch (IllegalArgumentException e) {
                problem = e.getMessage();
            }
            List<Plan> plans = new ArrayList<>();
            List<String> unreadable = new ArrayList<>();
            // an agreement without a candidate plan (asked for by name) has one row, without a plan
            PlanRows plan = first.get(p.UUID) == null ? null : new PlanRows(first);
            Record row;
            while ((row = fetch()) != null && row.get(a.ENTERPRISE_CUSTOMER_UUID).equals(enterpriseKey)) {
                lookahead = null;
                if (plan != null && row.get(p.UUID).equals(plan.uuid)) {
                    plan.add(row);
                } else {
                    if (enterprise != null && plan != null) plan.toPlan(unreadable).ifPresent(plans::add);
                    plan = new PlanRows(row);
                }
            }
            if (enterprise == null) {
                log.warn("license-manager's customer agreement for enterprise '{}' cannot be read ({}); its plans are"
                        + " skipped", enterpriseKey, problem);
                return null;
            }
            if (plan != null) plan.toPlan(unreadable).ifPresent(plans::add);
            return new EnterpriseLicenses(enterprise, plans, unreadable);
        }

        private Record fetch() {
            if (lookahead == null) {
                try {
                    lookahead = cursor.fetchNext();
                } catch (DataAccessException e) {
                    throw Failures.storage("reading license data", dialect, e);
                }
            }
            return lookahead;
        }
    }

    /** The rows of one plan: one per license status. */
    private static final class PlanRows {
        private final Record first;
        private final String uuid;
        private long unassigned, assigned, activated, revoked;

        PlanRows(Record first) {
            this.first = first;
            this.uuid = first.get(SUBSCRIPTIONS_SUBSCRIPTIONPLAN.UUID);
            add(first);
        }

        void add(Record row) {
            String status = row.get(SUBSCRIPTIONS_LICENSE.STATUS);
            long n = row.get(JooqEnterprises.LICENSES) == null ? 0 : row.get(JooqEnterprises.LICENSES);
            if (status == null) return; // a plan without licenses
            switch (status.trim().toLowerCase(Locale.ROOT)) {
                case "unassigned" -> unassigned += n;
                case "assigned" -> assigned += n;
                case "activated" -> activated += n;
                case "revoked" -> revoked += n;
                default -> { } // a status this project does not know counts for nothing
            }
        }

        /**
         * Empty, with a warning and a sentence in {@code unreadable}, when license-manager holds a plan that cannot
         * exist; the others go on.
         */
        Optional<Plan> toPlan(List<String> unreadable) {
            var p = SUBSCRIPTIONS_SUBSCRIPTIONPLAN;
            try {
                UUID id = Uuids.parse(uuid);
                LocalDateTime start = first.get(p.START_DATE);
                LocalDateTime expiration = first.get(p.EXPIRATION_DATE);
                return Optional.of(new Plan(id, first.get(p.TITLE),
                        start == null ? null : start.toInstant(ZoneOffset.UTC),
                        expiration == null ? null : expiration.toInstant(ZoneOffset.UTC),
                        Boolean.TRUE.equals(first.get(p.SHOULD_AUTO_APPLY_LICENSES)),
                        Boolean.TRUE.equals(first.get(p.IS_ACTIVE)),
                        new LicenseCounts(unassigned, assigned, activated, revoked)));
            } catch (IllegalArgumentException | NullPointerException e) {
                log.warn("skipping subscription plan {}: {}", uuid, e.getMessage());
                unreadable.add("license-manager's subscription plan '" + uuid + "' cannot be read (" + e.getMessage()
                        + "): it is left out, the enterprise's other plans are used");
                return Optional.empty();
            }
        }
    }
}
