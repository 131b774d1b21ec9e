package io.licensenotify.adapter.persistence;

import io.licensenotify.domain.DeliveryKey;
import io.licensenotify.domain.DeliveryState;
import io.licensenotify.ports.out.DeliveryLedger.Claim;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.Table;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import io.licensenotify.adapter.persistence.generated.tables.records.LicenseNotifyDeliveryRecord;

import static io.licensenotify.adapter.persistence.generated.Tables.LICENSE_NOTIFY_DELIVERY;

/**
 * The ledger's settles and releases: keys of one claim, or of several claims of one run (a request that packs several
 * enterprises), moved from some states to another, only where the row still carries one of the claims' tokens (each
 * key is in one claim of the run, and a run that took a claim over gave it a token of its own). The statement a run makes most often after its claims, so its SQL is rendered once per
 * shape ({@link Rendered}).
 */
final class Moves {
    private final Database database;
    private final Transactions transactions;
    private final Rendered rendered;

    Moves(Database database, Transactions transactions, Rendered rendered) {
        this.database = database;
        this.transactions = transactions;
        this.rendered = rendered;
    }

    /**
     * Moves keys of the claims in one of {@code from} to {@code to}; returns the keys it could not move. Up to a chunk
     * of keys is one update, atomic by itself, with no transaction around it; more go in one transaction.
     */
    Set<DeliveryKey> move(Collection<Claim> claims, Collection<DeliveryKey> keys, Set<DeliveryState> from,
                          DeliveryState to, String detail) {
        List<String> tokens = claims.stream().map(c -> Objects.requireNonNull(c, "claim").token()).distinct().sorted()
                .toList();
        List<DeliveryKey> sorted = keys.stream().distinct().sorted(LedgerKeys.ORDER).toList();
        if (sorted.isEmpty()) return Set.of();
        String what = "settling " + sorted.size() + " deliveries as " + to;
        int changed = sorted.size() <= Chunks.SIZE
                ? transactions.single(what, dsl -> update(dsl, tokens, sorted, from, to, detail))
                : transactions.atomic(what, dsl -> {
                    int n = 0;
                    for (List<DeliveryKey> chunk : Chunks.of(sorted)) n += update(dsl, tokens, chunk, from, to, detail);
                    return n;
                });
        if (changed == sorted.size()) return Set.of();
        // rare: some rows are no longer this claim's, or not in a state to move from; name them
        var d = LICENSE_NOTIFY_DELIVERY;
        return transactions.single("reading which of " + sorted.size() + " deliveries were not settled", dsl -> {
            Set<DeliveryKey> lost = new HashSet<>(sorted);
            for (List<DeliveryKey> chunk : Chunks.of(sorted))
                dsl.select(d.ECU_ID, d.ENTERPRISE_UUID, d.KIND, d.SCOPE, d.PERIOD).from(d)
                        .where(LedgerKeys.in(chunk)).and(d.CLAIM_TOKEN.in(tokens))
                        .and(LedgerKeys.stateCheckedOnly(List.of(to.name())))
                        .forEach(r -> lost.remove(LedgerKeys.key(r)));
            return lost;
        });
    }

    /**
     * One update of a chunk of keys; its SQL is rendered once per shape ({@link Rendered}). What it sets is one
     * {@link Columns} description, the keys it matches {@link LedgerKeys#COLUMNS}, then the tokens and the states
     * moved from, each bound in the order the SQL has them.
     */
    private int update(DSLContext dsl, List<String> tokens, List<DeliveryKey> chunk, Set<DeliveryState> from,
                       DeliveryState to, String detail) {
        var d = LICENSE_NOTIFY_DELIVERY;
        List<String> fromNames = JooqDeliveryLedger.names(from);
        // which column takes the detail: the dispatch id of a sent one, the reason of another, or none
        int detailColumn = to == DeliveryState.SENT ? 1 : detail != null && !detail.isEmpty() ? 2 : 0;
        Columns<DeliveryState> set = new Columns<DeliveryState>().bound(d.STATE, DeliveryState::name);
        if (!to.isClaim()) set.fixed(d.SETTLED_AT, database.now());
        if (detailColumn == 1) set.bound(d.DISPATCH_ID, s -> JooqDeliveryLedger.clip(detail, 128));
        else if (detailColumn == 2) set.bound(d.LAST_ERROR, s -> JooqDeliveryLedger.clip(detail, JooqDeliveryLedger.MAX_ERROR));
        List<Object> binds = new ArrayList<>(set.bound() + chunk.size() * LedgerKeys.COLUMNS.bound() + tokens.size()
                + fromNames.size());
        set.bind(to, binds);
        for (DeliveryKey k : chunk) LedgerKeys.COLUMNS.bind(k, binds);
        binds.addAll(tokens);
        binds.addAll(fromNames);
        return rendered.execute(dsl, new MoveShape(to.isClaim(), detailColumn, chunk.size(), tokens.size(), fromNames),
                binds, () -> dsl.update(byPrimaryKey()).set(set.assignments(to))
                        .where(LedgerKeys.in(chunk))
                        .and(tokens.size() == 1 ? d.CLAIM_TOKEN.eq(tokens.get(0)) : d.CLAIM_TOKEN.in(tokens))
                        .and(LedgerKeys.stateCheckedOnly(fromNames)));
    }

    /*
     * The keys find the rows, through the primary key ({@link LedgerKeys#stateCheckedOnly} says why not through the
     * state). MariaDB's optimizer also spent 3 to 7 ms a settle estimating every other index for the 50 keys, against
     * 0.1 ms to execute; told the primary key, 0.2 ms (BENCHMARKS.md).
     */
    private Table<LicenseNotifyDeliveryRecord> byPrimaryKey() {
        var d = LICENSE_NOTIFY_DELIVERY;
        SQLDialect dialect = database.dialect();
        return dialect == SQLDialect.MARIADB || dialect == SQLDialect.MYSQL ? d.forceIndex("PRIMARY") : d;
    }

    /** What the SQL of a settle depends on. */
    private record MoveShape(boolean claim, int detailColumn, int keys, int tokens, List<String> from) {
    }
}
