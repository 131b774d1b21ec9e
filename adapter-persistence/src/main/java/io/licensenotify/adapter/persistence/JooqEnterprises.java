package io.licensenotify.adapter.persistence;

import io.licensenotify.domain.AsOf;
import io.licensenotify.domain.Enterprise;
import io.licensenotify.domain.LicenseCounts;
import io.licensenotify.domain.Plan;
import io.licensenotify.ports.out.EnterpriseLicenses;
import io.licensenotify.ports.out.Enterprises;
import org.jooq.Condition;
import org.jooq.Cursor;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConnectionProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import static io.licensenotify.adapter.persistence.generated.Tables.SUBSCRIPTIONS_CUSTOMERAGREEMENT;
import static io.licensenotify.adapter.persistence.generated.Tables.SUBSCRIPTIONS_LICENSE;
import static io.licensenotify.adapter.persistence.generated.Tables.SUBSCRIPTIONS_SUBSCRIPTIONPLAN;

/**
 * License data read from license-manager's tables, never written. One streamed statement whatever the number of
 * enterprises: agreements joined to their candidate plans and a grouped count of each plan's licenses by status,
 * ordered by enterprise and turned into {@link EnterpriseLicenses} as the rows arrive. Thread-safe.
 */
public final class JooqEnterprises implements Enterprises {
    /** Rows fetched per round trip while streaming. */
    public static final int FETCH_SIZE = 1_000;
    private static final Logger log = LoggerFactory.getLogger(JooqEnterprises.class);

    private static final Field<Long> LICENSES = DSL.count(SUBSCRIPTIONS_LICENSE.UUID).cast(Long.class).as("licenses");

    private final Database database;

    public JooqEnterprises(Database database) {
        this.database = Objects.requireNonNull(database, "database");
    }

    @Override
    public Stream<EnterpriseLicenses> withCandidatePlans(AsOf day) {
        Objects.requireNonNull(day, "day");
        SQLDialect dialect = database.dialect();
        Connection connection = null;
        Cursor<? extends Record> cursor;
        try {
            connection = database.dataSource().getConnection();
            // PostgreSQL streams with a cursor only inside a transaction
            connection.setAutoCommit(false);
            DSLContext dsl = DSL.using(database.dsl().configuration().derive(new DefaultConnectionProvider(connection)));
            var a = SUBSCRIPTIONS_CUSTOMERAGREEMENT;
            var p = SUBSCRIPTIONS_SUBSCRIPTIONPLAN;
            var l = SUBSCRIPTIONS_LICENSE;
            cursor = dsl.select(a.ENTERPRISE_CUSTOMER_UUID, a.ENTERPRISE_CUSTOMER_NAME, a.ENTERPRISE_CUSTOMER_SLUG,
                            p.UUID, p.TITLE, p.START_DATE, p.EXPIRATION_DATE, p.SHOULD_AUTO_APPLY_LICENSES,
                            p.IS_ACTIVE, l.STATUS, LICENSES)
                    .from(a)
                    .join(p).on(p.CUSTOMER_AGREEMENT_ID.eq(a.UUID))
                    .leftJoin(l).on(l.SUBSCRIPTION_PLAN_ID.eq(p.UUID))
                    .where(candidateOn(day))
                    .groupBy(a.ENTERPRISE_CUSTOMER_UUID, a.ENTERPRISE_CUSTOMER_NAME, a.ENTERPRISE_CUSTOMER_SLUG,
                            p.UUID, p.TITLE, p.START_DATE, p.EXPIRATION_DATE, p.SHOULD_AUTO_APPLY_LICENSES,
                            p.IS_ACTIVE, l.STATUS)
                    .orderBy(a.ENTERPRISE_CUSTOMER_UUID, p.UUID)
                    .fetchSize(FETCH_SIZE)
                    .fetchLazy();
        } catch (SQLException | DataAccessException e) {
            closeQuietly(connection);
            throw Failures.storage("reading license data", dialect,
                    e instanceof RuntimeException r ? r : new DataAccessException(e.getMessage(), e));
        }
        Connection held = connection;
        Grouping grouping = new Grouping(cursor, dialect);
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(grouping,
                        Spliterator.ORDERED | Spliterator.NONNULL), false)
                .onClose(() -> {
                    try {
                        cursor.close();
                    } finally {
                        closeQuietly(held);
                    }
                });
    }

    @Override
    public long countWithCandidatePlans(AsOf day) {
        Objects.requireNonNull(day, "day");
        var a = SUBSCRIPTIONS_CUSTOMERAGREEMENT;
        var p = SUBSCRIPTIONS_SUBSCRIPTIONPLAN;
        try {
            Long count = database.dsl()
                    .select(DSL.countDistinct(a.ENTERPRISE_CUSTOMER_UUID).cast(Long.class))
                    .from(a)
                    .join(p).on(p.CUSTOMER_AGREEMENT_ID.eq(a.UUID))
                    .where(candidateOn(day))
                    .fetchOne(0, Long.class);
            return count == null ? 0 : count;
        } catch (DataAccessException e) {
            throw Failures.storage("counting enterprises with candidate plans", database.dialect(), e);
        }
    }

    /** Rule 1 in SQL: auto-apply on (null is off), active, started before the day ends, not expired before it began. */
    private static Condition candidateOn(AsOf day) {
        var p = SUBSCRIPTIONS_SUBSCRIPTIONPLAN;
        return p.SHOULD_AUTO_APPLY_LICENSES.isTrue()
                .and(p.IS_ACTIVE.isTrue())
                .and(p.START_DATE.lt(utc(day.startOfNextDay())))
                .and(p.EXPIRATION_DATE.ge(utc(day.startOfDay())));
    }

    private static LocalDateTime utc(java.time.Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static void closeQuietly(Connection connection) {
        if (connection == null) return;
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // only reads happened; the pool resets the connection anyway
        }
        try {
            connection.close();
        } catch (SQLException e) {
            log.warn("closing the license data connection failed: {}", e.getMessage());
        }
    }

    /** Folds the rows of one enterprise (adjacent, thanks to the order) into one {@link EnterpriseLicenses}. */
    private static final class Grouping implements Iterator<EnterpriseLicenses> {
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
            PlanRows plan = new PlanRows(first);
            Record row;
            while ((row = fetch()) != null && row.get(a.ENTERPRISE_CUSTOMER_UUID).equals(enterpriseKey)) {
                lookahead = null;
                if (row.get(p.UUID).equals(plan.uuid)) {
                    plan.add(row);
                } else {
                    if (enterprise != null) plan.toPlan().ifPresent(plans::add);
                    plan = new PlanRows(row);
                }
            }
            if (enterprise == null) {
                log.warn("license-manager's customer agreement for enterprise '{}' cannot be read ({}); its plans are"
                        + " skipped", enterpriseKey, problem);
                return null;
            }
            plan.toPlan().ifPresent(plans::add);
            return new EnterpriseLicenses(enterprise, plans);
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
            long n = row.get(LICENSES) == null ? 0 : row.get(LICENSES);
            if (status == null) return; // a plan without licenses
            switch (status.trim().toLowerCase(Locale.ROOT)) {
                case "unassigned" -> unassigned += n;
                case "assigned" -> assigned += n;
                case "activated" -> activated += n;
                case "revoked" -> revoked += n;
                default -> { } // a status this project does not know counts for nothing
            }
        }

        /** Empty, with a warning, when license-manager holds a plan that cannot exist; the others go on. */
        java.util.Optional<Plan> toPlan() {
            var p = SUBSCRIPTIONS_SUBSCRIPTIONPLAN;
            try {
                UUID id = Uuids.parse(uuid);
                LocalDateTime start = first.get(p.START_DATE);
                LocalDateTime expiration = first.get(p.EXPIRATION_DATE);
                return java.util.Optional.of(new Plan(id, first.get(p.TITLE),
                        start == null ? null : start.toInstant(ZoneOffset.UTC),
                        expiration == null ? null : expiration.toInstant(ZoneOffset.UTC),
                        Boolean.TRUE.equals(first.get(p.SHOULD_AUTO_APPLY_LICENSES)),
                        Boolean.TRUE.equals(first.get(p.IS_ACTIVE)),
                        new LicenseCounts(unassigned, assigned, activated, revoked)));
            } catch (IllegalArgumentException | NullPointerException e) {
                log.warn("skipping subscription plan {}: {}", uuid, e.getMessage());
                return java.util.Optional.empty();
            }
        }
    }
}
