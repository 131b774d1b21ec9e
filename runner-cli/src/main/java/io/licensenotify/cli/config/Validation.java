package io.licensenotify.cli.config;

import io.licensenotify.domain.NotificationKind;
import io.licensenotify.domain.ThresholdPolicy;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** What {@link Config#problems} and {@link Config#warnings} find: each key of the registry, and the rules across keys. */
final class Validation {
    private Validation() {
    }

    static List<String> problems(Config config, Config.Needs needs) {
        List<Runnable> checks = new ArrayList<>();
        for (Key<?> key : Keys.ALL)
            if (key.need() == Config.Needs.DATABASE || needs == Config.Needs.EVERYTHING) checks.add(() -> config.get(key));
        if (needs == Config.Needs.EVERYTHING) {
            checks.add(() -> encryptedEndpoints(config));
            ThresholdPolicy thresholds = config.getOr(Keys.THRESHOLDS, null);
            // without valid thresholds their campaigns cannot be named; the thresholds' own problem is listed
            if (thresholds != null)
                for (int percent : thresholds.percents())
                    checks.add(() -> config.get(Keys.campaign(NotificationKind.threshold(percent))));
        }
        List<String> problems = new ArrayList<>(config.read().problems());
        for (Runnable check : checks) {
            try {
                check.run();
            } catch (ConfigException e) {
                e.problems().stream().filter(p -> !problems.contains(p)).forEach(problems::add);
            }
        }
        return problems;
    }

    /**
     * Keys in the file that look like ours but are not (most likely typos), what reading the file found (a key set
     * twice to one value, secrets others can read), and the endpoints that {@code security.allow-http} lets through.
     */
    static List<String> warnings(Config config) {
        Set<String> known = new TreeSet<>(campaignKeys(config));
        Keys.ALL.forEach(k -> known.add(k.name()));
        List<String> warnings = new ArrayList<>(config.read().warnings());
        List<String> cleartext = cleartextEndpoints(config);
        if (!cleartext.isEmpty()) warnings.add(Endpoints.warning(cleartext));
        for (String key : config.file().keySet()) {
            if (known.contains(key) || Config.PREFIXES.stream().noneMatch(key::startsWith)) continue;
            Optional<String> closest = Spelling.nearest(key, known, 3);
            warnings.add(key + ": unknown key in " + config.fileName()
                    + closest.map(c -> " (did you mean " + c + "?)").orElse("") + "; ignored");
        }
        return warnings;
    }

    /** The campaign keys of the configured thresholds (the default ones while the thresholds are invalid). */
    static List<String> campaignKeys(Config config) {
        List<String> keys = new ArrayList<>();
        config.getOr(Keys.THRESHOLDS, ThresholdPolicy.DEFAULT).percents()
                .forEach(p -> keys.add(Keys.campaign(NotificationKind.threshold(p)).name()));
        keys.add(Keys.WEEKLY_DIGEST_CAMPAIGN.name());
        keys.add(Keys.RUN_ERRORS_CAMPAIGN.name());
        return keys;
    }

    /** Each endpoint set to cleartext http to another host is a problem, unless allowed. */
    private static void encryptedEndpoints(Config config) {
        if (config.get(Keys.ALLOW_HTTP)) return;
        List<String> problems = new ArrayList<>();
        for (Key<URI> key : Endpoints.KEYS) {
            Optional<String> raw = config.value(key.name());
            if (raw.isEmpty()) continue; // the token URL's default follows lms.base-url, named already
            try {
                if (Endpoints.cleartext(config.get(key)))
                    problems.add(config.invalid(key.name(), raw.get(), Endpoints.refusal(key.name())).getMessage());
            } catch (ConfigException listedElsewhere) {
                // not a URL at all: its own problem is listed
            }
        }
        if (!problems.isEmpty()) throw new ConfigException(problems);
    }

    /** The secret-bearing endpoints that use cleartext http to another host because {@code security.allow-http} says so. */
    private static List<String> cleartextEndpoints(Config config) {
        List<String> keys = new ArrayList<>();
        try {
            if (!config.get(Keys.ALLOW_HTTP)) return keys;
            for (Key<URI> key : Endpoints.KEYS)
                if (config.value(key == Keys.LMS_TOKEN_URL ? Keys.LMS_BASE_URL.name() : key.name()).isPresent()
                        && Endpoints.cleartext(config.get(key))) keys.add(key.name());
        } catch (ConfigException listedElsewhere) {
            // a value that is no URL has its own problem
        }
        return keys;
    }
}
