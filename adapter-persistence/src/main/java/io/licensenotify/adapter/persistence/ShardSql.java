package io.licensenotify.adapter.persistence;

import io.licensenotify.domain.Shard;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * {@link Shard#hashOf} in SQL, the same on H2, MariaDB/MySQL and PostgreSQL: the first 8 characters of the uuid's
 * text (32 hex digits, the dashed form and PostgreSQL's native uuid all start with the same 8 hex digits), each
 * digit's place in "0123456789abcdef", as one unsigned number. Plain functions every database has (lower, substring,
 * position), so no dialect needs its own hex conversion; everything is inlined, so the statement's text is the same
 * for every run of a shard.
 */
final class ShardSql {
    private static final String HEX = "0123456789abcdef";

    private ShardSql() {
    }

    /** The hash of a uuid column, 0 to 2^32 - 1 (negative for text that is no uuid, which no shard holds). */
    static Field<Long> hash(Field<?> uuid) {
        Field<String> text = DSL.lower(uuid.cast(String.class));
        Field<Long> hash = null;
        for (int i = 0; i < 8; i++) {
            Field<Long> digit = DSL.position(DSL.inline(HEX), DSL.substring(text, DSL.inline(i + 1), DSL.inline(1)))
                    .cast(SQLDataType.BIGINT).minus(DSL.inline(1L));
            Field<Long> weighted = digit.times(DSL.inline(1L << (4 * (7 - i))));
            hash = hash == null ? weighted : hash.plus(weighted);
        }
        return hash;
    }

    /** The rows the shard holds; no condition at all for {@link Shard#ALL}. */
    static Condition holds(Field<?> uuid, Shard shard) {
        if (shard.isAll()) return DSL.noCondition();
        return hash(uuid).mod(DSL.inline((long) shard.count())).eq(DSL.inline((long) shard.index()));
    }
}
