package io.licensenotify.adapter.persistence;

import io.licensenotify.domain.DeliveryState;
import io.licensenotify.domain.UncertainPolicy;
import io.licensenotify.ports.out.StaleClaim;
import org.jooq.Condition;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import static io.licensenotify.adapter.persistence.generated.Tables.LICENSE_NOTIFY_DELIVERY;

/**
 * The sweep of claims older than the lease (docs/design.md "Delivery semantics"): in one transaction, one
 * conditional update per claim state ({@link DeliveryState#claims()}) makes each what {@link DeliveryState#whenStale}
 * says, under a token of the sweep's own for that state, and one read returns what it changed. The token a row
 * carries says which state it was swept from: a concurrent sweep changes each row at most once, and the run that
 * made the claim can no longer settle it.
 */
final class StaleClaims {
    private final Database database;
    private final Transactions transactions;

    StaleClaims(Database database, Transactions transactions) {
        this.database = database;
        this.transactions = transactions;
    }

    /** Settles the stale claims of the enterprises {@code scope} holds. */
    List<StaleClaim> sweep(Duration lease, UncertainPolicy policy, Condition scope) {
        Objects.requireNonNull(lease, "lease");
        Objects.requireNonNull(policy, "policy");
        var d = LICENSE_NOTIFY_DELIVERY;
        return transactions.atomic("sweeping claims older than " + lease, dsl -> {
            // in the states' order, as every sweep updates them: two sweeps never wait on each other crosswise
            Map<String, DeliveryState> wasByToken = new LinkedHashMap<>();
            for (DeliveryState was : DeliveryState.claims()) wasByToken.put(UUID.randomUUID().toString(), was);
            LocalDateTime now = dsl.select(database.now()).fetchOne().value1();
            LocalDateTime before = now.minus(lease);
            wasByToken.forEach((token, was) -> {
                DeliveryState becomes = was.whenStale(policy);
                dsl.update(d)
                        .set(d.STATE, becomes.name())
                        .set(d.CLAIM_TOKEN, token)
                        .set(d.SETTLED_AT, now)
                        .set(d.LAST_ERROR, reason(was, becomes)) // for people (history); never read back
                        .where(d.STATE.eq(was.name()))
                        .and(d.CLAIMED_AT.lt(before))
                        .and(scope)
                        .execute();
            });
            return dsl.select(d.ECU_ID, d.ENTERPRISE_UUID, d.KIND, d.SCOPE, d.PERIOD, d.RUN_ID, d.CLAIMED_AT,
                            d.STATE, d.CLAIM_TOKEN)
                    .from(d)
                    .where(d.CLAIM_TOKEN.in(wasByToken.keySet()))
                    .orderBy(d.CLAIMED_AT, d.ECU_ID)
                    .fetch(r -> new StaleClaim(LedgerKeys.key(r.into(d.ECU_ID, d.ENTERPRISE_UUID, d.KIND, d.SCOPE, d.PERIOD)),
                            r.get(d.RUN_ID), r.get(d.CLAIMED_AT).toInstant(ZoneOffset.UTC),
                            wasByToken.get(r.get(d.CLAIM_TOKEN)), DeliveryState.valueOf(r.get(d.STATE))));
        });
    }

    private static String reason(DeliveryState was, DeliveryState becomes) {
        if (was == DeliveryState.PENDING) return "claim older than the lease, never sent: released to be sent again";
        return "claim older than the lease, marked as sending: " + (becomes == DeliveryState.UNCERTAIN
                ? "its run died mid-send, whether it was sent is unknown"
                : "its run died mid-send, released to be sent again (uncertain policy resend)");
    }
}
