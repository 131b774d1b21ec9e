package io.licensenotify.cli.wiring;

import io.licensenotify.adapter.lms.LmsAdmins;
import io.licensenotify.domain.AsOf;
import io.licensenotify.domain.Enterprise;
import io.licensenotify.domain.Shard;
import io.licensenotify.ports.out.AdminRoster;
import io.licensenotify.ports.out.EnterpriseLicenses;
import io.licensenotify.ports.out.Enterprises;
import jakarta.inject.Inject;
import jakarta.inject.Provider;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code check}: the LMS token endpoint gives a token for the configured client, and the service user can list the
 * admins of an enterprise it does not belong to (a user without staff rights sees an empty list for every one, and
 * a run would notify nobody). Tries up to {@value #TRIES} enterprises with an auto-assign plan, read as {@code send}
 * reads them; reads only.
 */
final class LmsProbe implements Probe {
    static final int TRIES = 3;

    private final LmsAdmins lms;
    private final Provider<Enterprises> enterprises;
    private final Clock clock;

    @Inject
    LmsProbe(LmsAdmins lms, Provider<Enterprises> enterprises, Clock clock) {
        this.lms = lms;
        this.enterprises = enterprises;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "lms";
    }

    @Override
    public String probe() {
        String token = lms.checkCredentials();
        List<Enterprise> some;
        try {
            some = some();
        } catch (RuntimeException unreadable) {
            return token + "; admins not tried: the enterprises cannot be read (see the database's line)";
        }
        if (some.isEmpty()) return token + "; admins not tried: no enterprise has an auto-assign plan today";
        for (Enterprise enterprise : some) {
            AdminRoster roster = lms.of(enterprise);
            int admins = roster.admins().size() + roster.ignored().size() + roster.unreadable().size();
            if (admins > 0)
                return token + "; lists " + admins + (admins == 1 ? " admin" : " admins") + " of enterprise "
                        + enterprise.uuid();
        }
        throw new IllegalStateException("the LMS lists no admin for any of the " + some.size() + " enterprises tried ("
                + String.join(", ", some.stream().map(e -> e.uuid().toString()).toList()) + "): the service user of"
                + " lms.oauth.client-id may lack the staff rights to list another enterprise's admins, and a send"
                + " would notify nobody");
    }

    private List<Enterprise> some() {
        List<Enterprise> some = new ArrayList<>();
        try (Stream<EnterpriseLicenses> all = Wiring.instance(enterprises::get)
                .withCandidatePlans(new AsOf(LocalDate.now(clock), ZoneOffset.UTC), Shard.ALL)) {
            all.filter(e -> !e.plans().isEmpty()).limit(TRIES).forEach(e -> some.add(e.enterprise()));
        }
        return some;
    }
}
