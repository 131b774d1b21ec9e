package io.licensenotify.adapter.persistence;

import io.licensenotify.domain.AsOf;
import io.licensenotify.domain.Shard;
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
import java.util.List;
import java.util.Objects;
import java.util.Set;
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

    static final Field<Long> LICENSES = DSL.count(SUBSCRIPTIONS_LICENSE.UUID).cast(Long.class).as("licenses");

    private final Database database;

    public JooqEnterprises(Database database) {
        this.database = Objects.requireNonNull(database, "database");
    }

    @Override
    public Stream<EnterpriseLicenses> withCandidatePlans(AsOf day, Shard shard) {
        Objects.requireNonNull(day, "day");
        return stream(day, ShardSql.holds(SUBSCRIPTIONS_CUSTOMERAGREEMENT.ENTERPRISE_CUSTOMER_UUID, shard), false);
    }

    @Override
    public Stream<EnterpriseLicenses> of(Set<UUID> enterprises, AsOf day) {
        Objects.requireNonNull(day, "day");
        if (enterprises.isEmpty()) return Stream.empty();
        // both of license-manager's forms: 32 hex digits (MySQL) and the dashed text of a native uuid (PostgreSQL)
        List<String> forms = new ArrayList<>();
        for (UUID u : enterprises) {
            forms.add(u.toString());
            forms.add(u.toString().replace("-", ""));
        }
        var a = SUBSCRIPTIONS_CUSTOMERAGREEMENT;
        return stream(day, DSL.lower(a.ENTERPRISE_CUSTOMER_UUID.cast(String.class)).in(forms), true);
    }

    /**
     * One streamed statement: agreements matching {@code agreements} with their candidate plans on the day and the
     * plans' licenses counted by status. With {@code keepPlanless}, an agreement without a candidate plan comes too,
     * with no plan (the plans are left-joined on rule 1's condition instead of filtered by it).
     */
    private Stream<EnterpriseLicenses> stream(AsOf day, Condition agreements, boolean keepPlanless) {
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
            var from = dsl.select(a.ENTERPRISE_CUSTOMER_UUID, a.ENTERPRISE_CUSTOMER_NAME, a.ENTERPRISE_CUSTOMER_SLUG,
                            p.UUID, p.TITLE, p.START_DATE, p.EXPIRATION_DATE, p.SHOULD_AUTO_APPLY_LICENSES,
                            p.IS_ACTIVE, l.STATUS, LICENSES)
                    .from(a);
            var plans = keepPlanless
                    ? from.leftJoin(p).on(p.CUSTOMER_AGREEMENT_ID.eq(a.UUID).and(candidateOn(day)))
                    : from.join(p).on(p.CUSTOMER_AGREEMENT_ID.eq(a.UUID).and(candidateOn(day)));
            cursor = plans
                    .leftJoin(l).on(l.SUBSCRIPTION_PLAN_ID.eq(p.UUID))
                    .where(agreements)
                    .groupBy(a.ENTERPRISE_CUSTOMER_UUID, a.ENTERPRISE_CUSTOMER_NAME, a.ENTERPRISE_CUSTOMER_SLUG,
                            p.UUID, p.TITLE, p.START_DATE, p.EXPIRATION_DATE, p.SHOULD_AUTO_APPLY_LICENSES,
                            p.IS_ACTIVE, l.STATUS)
                    .orderBy(a.ENTERPRISE_CUSTOMER_UUID, p.UUID)
                    .fetchSize(FETCH_SIZE)
                    .fetchLazy();
        } catch (SQLException | DataAccessException e) {
            closeQuietly(connection);
            throw Failures.licenseData("reading license data", database,
                    e instanceof RuntimeException r ? r : new DataAccessException(e.getMessage(), e));
        }
        Connection held = connection;
        EnterpriseRows.Grouping grouping = new EnterpriseRows.Grouping(cursor, dialect);
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
    public long countWithCandidatePlans(AsOf day, Shard shard) {
        Objects.requireNonNull(day, "day");
        var a = SUBSCRIPTIONS_CUSTOMERAGREEMENT;
        var p = SUBSCRIPTIONS_SUBSCRIPTIONPLAN;
        try {
            Long count = database.dsl()
                    .select(DSL.countDistinct(a.ENTERPRISE_CUSTOMER_UUID).cast(Long.class))
                    .from(a)
                    .join(p).on(p.CUSTOMER_AGREEMENT_ID.eq(a.UUID))
                    .where(candidateOn(day))
                    .and(ShardSql.holds(a.ENTERPRISE_CUSTOMER_UUID, shard))
                    .fetchOne(0, Long.class);
            return count == null ? 0 : count;
        } catch (DataAccessException e) {
            throw Failures.licenseData("counting enterprises with candidate plans", database, e);
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
}
