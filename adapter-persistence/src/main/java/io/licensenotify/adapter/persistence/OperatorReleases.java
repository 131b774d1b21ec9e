package io.licensenotify.adapter.persistence;

import io.licensenotify.domain.DeliveryKey;
import io.licensenotify.domain.DeliveryState;
import io.licensenotify.ports.out.DeliveryRecord;
import io.licensenotify.ports.out.OperatorRelease;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static io.licensenotify.adapter.persistence.generated.Tables.LICENSE_NOTIFY_DELIVERY;

/**
 * {@link io.licensenotify.ports.out.DeliveryLedger#releaseByOperator} on the ledger's table: one transaction that
 * reads the matching rows, moves them to {@code FAILED} with a conditional update under a fresh token (a row that
 * changed in between is left alone) and records when, by whom and why.
 */
final class OperatorReleases {
    private OperatorReleases() {
    }

    static List<DeliveryRecord> release(Database database, DSLContext dsl, OperatorRelease release, boolean dryRun) {
        var d = LICENSE_NOTIFY_DELIVERY;
        LocalDateTime now = dsl.select(database.now()).fetchOne().value1();
        Condition matching = matching(release, now.minus(release.lease()));
        List<DeliveryRecord> found = dsl.selectFrom(d).where(matching)
                .orderBy(d.CLAIMED_AT, d.ECU_ID, d.ENTERPRISE_UUID, d.KIND, d.SCOPE, d.PERIOD)
                .fetch(JooqDeliveryHistory::record);
        if (dryRun || found.isEmpty()) return found;
        String token = UUID.randomUUID().toString();
        List<DeliveryRecord> released = new ArrayList<>();
        for (List<DeliveryRecord> chunk : Chunks.of(found)) {
            dsl.update(d)
                    .set(d.STATE, DeliveryState.FAILED.name())
                    .set(d.CLAIM_TOKEN, token)
                    .set(d.SETTLED_AT, now)
                    .set(d.RELEASED_AT, now)
                    .set(d.RELEASED_BY, JooqDeliveryLedger.clip(release.by(), 128))
                    .set(d.RELEASE_REASON, JooqDeliveryLedger.clip(release.reason(), JooqDeliveryLedger.MAX_ERROR))
                    .where(LedgerKeys.in(chunk.stream().map(DeliveryRecord::key).toList()))
                    .and(matching)
                    .execute();
            Set<DeliveryKey> changed = new HashSet<>();
            dsl.select(d.ECU_ID, d.ENTERPRISE_UUID, d.KIND, d.SCOPE, d.PERIOD).from(d)
                    .where(d.CLAIM_TOKEN.eq(token)).and(LedgerKeys.in(chunk.stream().map(DeliveryRecord::key).toList()))
                    .forEach(r -> changed.add(LedgerKeys.key(r)));
            chunk.stream().filter(r -> changed.contains(r.key())).forEach(released::add);
        }
        return released;
    }

    /** The filters, and each named state as {@link DeliveryState#releasableByOperator(boolean)} allows it. */
    private static Condition matching(OperatorRelease release, LocalDateTime leaseStart) {
        var d = LICENSE_NOTIFY_DELIVERY;
        List<Condition> where = new ArrayList<>();
        release.enterprise().ifPresent(e -> where.add(d.ENTERPRISE_UUID.eq(e.toString())));
        release.ecuId().ifPresent(id -> where.add(d.ECU_ID.eq(id)));
        release.kind().ifPresent(k -> where.add(d.KIND.eq(k.code())));
        List<Condition> states = new ArrayList<>();
        for (DeliveryState state : release.states()) {
            if (release.releases(state, false)) states.add(d.STATE.eq(state.name()));
            else if (release.releases(state, true))
                states.add(d.STATE.eq(state.name()).and(d.CLAIMED_AT.lt(leaseStart)));
        }
        where.add(DSL.or(states));
        return DSL.and(where);
    }
}
