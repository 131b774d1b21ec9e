package io.licensenotify.cli.process;

import io.licensenotify.standin.BrazeStandIn.Email;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The figures of the fault-injection suite: for each scenario the faults injected, the processes run,
 * the emails due, sent, reported uncertain, sent twice and lost, written to {@code target/reliability.txt} after
 * every scenario with a TOTAL line, which RELIABILITY.md copies.
 */
final class Reliability {
    /** What one scenario measured. */
    record Figures(String scenario, long faults, long runs, long due, long sent, long uncertain, long duplicates,
                   long lost) {
        String line() {
            return String.format(Locale.ROOT, "%-44s faults %5d  runs %3d  due %5d  sent %5d  uncertain %4d  duplicates %d  lost %d",
                    scenario, faults, runs, due, sent, uncertain, duplicates, lost);
        }
    }

    private static final List<Figures> MEASURED = new ArrayList<>();

    private Reliability() {
    }

    /**
     * Compares what was due with what Braze received and what the ledger calls uncertain. An email is sent when
     * Braze received it, a duplicate each further time, uncertain when the ledger says so (whether or not Braze got
     * it: a dead run cannot know), lost when it was due and neither received nor uncertain.
     */
    static Figures measure(String scenario, long faults, long runs, Collection<String> due, List<String> received,
                           Set<String> uncertain) {
        Set<String> distinct = new HashSet<>(received);
        long duplicates = received.size() - distinct.size();
        long sent = due.stream().filter(distinct::contains).count();
        long lost = due.stream().filter(k -> !distinct.contains(k) && !uncertain.contains(k)).count();
        Figures f = new Figures(scenario, faults, runs, due.size(), sent, due.stream().filter(uncertain::contains).count(),
                duplicates, lost);
        record(f);
        return f;
    }

    /** The same, keyed by the admin emails of one scenario. */
    static Figures measure(String scenario, long faults, long runs, Scenario s, Set<Email> due, List<Email> received,
                           List<ItDatabase.Row> ledger) {
        Set<String> uncertain = new HashSet<>();
        for (ItDatabase.Row r : ledger)
            if (r.state().equals("UNCERTAIN")) uncertain.add(r.enterprise() + "/" + r.ecuId() + "/" + r.kind());
        return measure(scenario, faults, runs, due.stream().map(e -> Processes.key(s, e)).toList(),
                received.stream().map(e -> Processes.key(s, e)).toList(), uncertain);
    }

    private static synchronized void record(Figures f) {
        MEASURED.add(f);
        System.out.println("RELIABILITY " + f.line());
        Map<String, Long> total = new HashMap<>();
        for (Figures m : MEASURED) {
            total.merge("faults", m.faults(), Long::sum);
            total.merge("runs", m.runs(), Long::sum);
            total.merge("due", m.due(), Long::sum);
            total.merge("sent", m.sent(), Long::sum);
            total.merge("uncertain", m.uncertain(), Long::sum);
            total.merge("duplicates", m.duplicates(), Long::sum);
            total.merge("lost", m.lost(), Long::sum);
        }
        StringBuilder out = new StringBuilder();
        MEASURED.forEach(m -> out.append(m.line()).append('\n'));
        out.append(new Figures("TOTAL", total.get("faults"), total.get("runs"), total.get("due"), total.get("sent"),
                total.get("uncertain"), total.get("duplicates"), total.get("lost")).line()).append('\n');
        Path file = Path.of(System.getProperty("license-notify.it-output", "target/it")).resolveSibling("reliability.txt");
        try {
            Files.writeString(file, out.toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
