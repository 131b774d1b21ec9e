package io.licensenotify.adapter.persistence;

import org.jooq.Field;
import org.jooq.impl.DSL;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The columns a ledger statement writes or matches, in order, and where a row's value of each comes from: bound (a
 * function of the row, sent as a bind value), fixed (SQL of its own, binding nothing: the database's clock, an
 * inlined constant) or chosen (one of two such SQL values, the row's choice bound). The one description from which
 * both the jOOQ query that renders a statement's SQL and the bind values of that SQL's later executions
 * ({@link Rendered}) are made, so that the two cannot disagree. Built once, then only read.
 *
 * @param <R> what one row's values are taken from
 */
final class Columns<R> {
    private final List<Column<R, ?>> columns = new ArrayList<>();

    /**
     * A column and its value: {@code sql} of the row's bind value ({@code bound} applied to the row), or of nothing
     * when {@code bound} is null (SQL of its own).
     */
    private record Column<R, T>(Field<T> field, Function<? super R, ?> bound, Function<Object, Field<?>> sql) {
        Field<?> sql(R row) {
            return sql.apply(bound == null ? null : bound.apply(row));
        }
    }

    /** A column whose value is {@code value} of the row, bound. */
    <T> Columns<R> bound(Field<T> field, Function<? super R, ? extends T> value) {
        // a bind value of the type jOOQ infers from the value, as the ledger's statements always bound them
        columns.add(new Column<R, T>(field, value, v -> v == null ? DSL.val(null, field) : DSL.val(v)));
        return this;
    }

    /** A column whose value is {@code sql}, the same for every row, binding nothing. */
    <T> Columns<R> fixed(Field<T> field, Field<T> sql) {
        columns.add(new Column<R, T>(field, null, v -> sql));
        return this;
    }

    /**
     * A column whose value is {@code ifTrue} or {@code ifFalse}, as {@code which} says of the row: the choice is
     * bound, so the SQL is the same whatever each row chooses.
     */
    <T> Columns<R> chosen(Field<T> field, Predicate<? super R> which, Field<T> ifTrue, Field<T> ifFalse) {
        columns.add(new Column<R, T>(field, which::test,
                v -> DSL.when(DSL.condition(DSL.val((Boolean) v)), ifTrue).otherwise(ifFalse)));
        return this;
    }

    /** {@code part}'s columns, with their values taken from what {@code of} makes of the row. */
    <S> Columns<R> with(Columns<S> part, Function<? super R, ? extends S> of) {
        for (Column<S, ?> c : part.columns) add(c, of);
        return this;
    }

    private <S, T> void add(Column<S, T> c, Function<? super R, ? extends S> of) {
        Function<? super S, ?> bound = c.bound();
        columns.add(new Column<R, T>(c.field(), bound == null ? null : r -> bound.apply(of.apply(r)), c.sql()));
    }

    List<Field<?>> fields() {
        List<Field<?>> fields = new ArrayList<>(columns.size());
        for (Column<R, ?> c : columns) fields.add(c.field());
        return fields;
    }

    /** One row's values as SQL, for the query: bind values where bound. */
    List<Field<?>> values(R row) {
        List<Field<?>> values = new ArrayList<>(columns.size());
        for (Column<R, ?> c : columns) values.add(c.sql(row));
        return values;
    }

    /** One row's values as the assignments of an update ({@code SET column = value}, in order). */
    Map<Field<?>, Field<?>> assignments(R row) {
        Map<Field<?>, Field<?>> set = new LinkedHashMap<>();
        for (Column<R, ?> c : columns) set.put(c.field(), c.sql(row));
        return set;
    }

    /** Adds one row's bind values to {@code binds}, in the order {@link #values} binds them. */
    void bind(R row, List<Object> binds) {
        for (Column<R, ?> c : columns) if (c.bound() != null) binds.add(c.bound().apply(row));
    }

    /** How many values a row binds. */
    int bound() {
        int n = 0;
        for (Column<R, ?> c : columns) if (c.bound() != null) n++;
        return n;
    }
}
