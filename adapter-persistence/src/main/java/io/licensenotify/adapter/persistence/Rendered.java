package io.licensenotify.adapter.persistence;

import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Query;
import org.jooq.Record;
import org.jooq.ResultQuery;
import org.jooq.exception.DataAccessException;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The SQL of the ledger's hot statements, rendered by jOOQ once per shape (statement, number of keys, which columns)
 * and executed again with new bind values. Rendering the same insert and update anew for every enterprise was the
 * largest single part of a run's CPU (BENCHMARKS.md); the ledger's window reads go the same way ({@link #forEach}).
 * The caller makes the query and the bind values from one description of the statement's columns ({@link Columns}),
 * so that they agree; and a shape is cached only when the values jOOQ binds are exactly the ones given, in the same
 * order, otherwise it is always rendered. Thread-safe.
 */
final class Rendered {
    private final Map<Object, String> sql = new ConcurrentHashMap<>();
    private final Set<Object> notCached = ConcurrentHashMap.newKeySet();
    private final Database database;

    Rendered(Database database) {
        this.database = database;
    }

    /**
     * Executes the statement of this {@code shape} with {@code binds}: from its cached SQL, or built by
     * {@code build} (from the same {@link Columns}, so with the same values) the first time.
     */
    int execute(DSLContext dsl, Object shape, List<Object> binds, Supplier<Query> build) {
        String cached = sql.get(shape);
        if (cached != null) return jdbc(dsl, cached, binds, PreparedStatement::executeUpdate);
        Query query = build.get();
        remember(shape, query, binds);
        return query.execute();
    }

    /**
     * Runs the query of this {@code shape} with {@code binds} and hands each row, read as {@code fields} (the
     * query's own, in its order), to {@code row}: from its cached SQL, or built by {@code build} the first time.
     */
    void forEach(DSLContext dsl, Object shape, List<Object> binds, Supplier<ResultQuery<?>> build, Field<?>[] fields,
                 Consumer<Record> row) {
        String cached = sql.get(shape);
        if (cached == null) {
            ResultQuery<?> query = build.get();
            remember(shape, query, binds);
            for (Record r : query) row.accept(r);
            return;
        }
        jdbc(dsl, cached, binds, statement -> {
            try (ResultSet rows = statement.executeQuery()) {
                dsl.fetchLazy(rows, fields).forEach(row);
            }
            return null;
        });
    }

    private void remember(Object shape, Query query, List<Object> binds) {
        if (notCached.contains(shape)) return;
        if (query.getBindValues().equals(binds)) sql.putIfAbsent(shape, query.getSQL());
        else notCached.add(shape);
    }

    private static PreparedStatement prepared(PreparedStatement statement, List<Object> binds) throws SQLException {
        for (int i = 0; i < binds.size(); i++) statement.setObject(i + 1, binds.get(i));
        return statement;
    }

    /**
     * Straight to JDBC, on the connection of the caller's transaction if it has one: jOOQ's plain SQL would parse
     * the text and guess its type anew each time. Counted like every statement through jOOQ; a driver's failure
     * comes out as jOOQ's, as from any other statement.
     */
    private <T> T jdbc(DSLContext dsl, String text, List<Object> binds, Work<T> work) {
        return dsl.connectionResult(connection -> {
            Object key = new Object();
            try (PreparedStatement statement = prepared(connection.prepareStatement(text), binds)) {
                database.began(key, statement);
                return work.on(statement);
            } catch (SQLException e) {
                throw new DataAccessException(e.getMessage(), e);
            } finally {
                database.ended(key);
            }
        });
    }

    /** What is done with a prepared statement whose values are bound: executed, its rows read. */
    @FunctionalInterface
    private interface Work<T> {
        T on(PreparedStatement statement) throws SQLException;
    }

    /** How many shapes are cached (for tests). */
    int size() {
        return sql.size();
    }
}
