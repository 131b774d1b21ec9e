package io.licensenotify.cli;

import io.licensenotify.domain.NotificationKind;
import picocli.CommandLine.Option;

import java.util.Optional;
import java.util.UUID;

/**
 * The options that narrow the ledger's rows an operator's command works on, each optional: one enterprise, one admin,
 * one kind (docs/operating.md "Commands"). A picocli mixin of {@code history} and {@code release}.
 */
final class DeliveryFilter {
    @Option(names = "--enterprise", paramLabel = "UUID", converter = Converters.Uuids.class,
            description = "Only this enterprise (with or without dashes).")
    UUID enterprise;

    @Option(names = "--admin", paramLabel = "ECU_ID", converter = Converters.EcuIds.class,
            description = "Only this admin (enterprise-customer-user id).")
    Long admin;

    @Option(names = "--kind", paramLabel = "KIND", converter = Converters.Kinds.class,
            description = "Only this kind: UTILIZATION_75, UTILIZATION_100, WEEKLY_DIGEST, ...")
    NotificationKind kind;

    Optional<UUID> enterprise() {
        return Optional.ofNullable(enterprise);
    }

    Optional<Long> admin() {
        return Optional.ofNullable(admin);
    }

    Optional<NotificationKind> kind() {
        return Optional.ofNullable(kind);
    }
}
