package io.licensenotify.cli;

import io.licensenotify.ports.in.RunReport;
import io.prometheus.metrics.config.EscapingScheme;
import io.licensenotify.domain.NotificationKind;
import io.licensenotify.domain.Shard;
import io.prometheus.metrics.exporter.pushgateway.Format;
import io.prometheus.metrics.exporter.pushgateway.PushGateway;
import io.prometheus.metrics.exporter.pushgateway.Scheme;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an operator alerts on, after every send run that got past its configuration, stopped or failed ones too
 * (docs/operating.md "Metrics and alerts"): a node-exporter textfile ({@code metrics.textfile}, written whole through a
 * temporary file) and a Prometheus Pushgateway ({@code metrics.pushgateway-url}, job {@code license-notify}). Every
 * series a run can tell is present, zeros included (each configured kind in each state), so that no count of an
 * earlier run outlives it; a metric a run cannot tell (the deliveries of a run that failed before it started) is
 * left out. {@code last_success} is written only by a run that exited 0: the textfile carries the previous value
 * over; on the Pushgateway each run replaces its group whole (PUT) and the last success lives in a group of its own
 * ({@code push="last_success"}), replaced only by a run that exited 0, so an alert on its age sees the last success,
 * not the last run. A shard's run writes a textfile of its own ({@link #textfileOf}) with its label
 * ({@code shard="1/4"}) on every sample, and pushes with the label as grouping key, so that the shards of one job do
 * not overwrite each other's metrics.
 */
public final class OperatorMetrics {
    static final String JOB = "license-notify";
    static final String LAST_SUCCESS = "license_notify_last_success_timestamp_seconds";
    private static final Pattern PREVIOUS_SUCCESS = Pattern.compile("(?m)^" + LAST_SUCCESS + "(?:\\{[^}]*\\})? (\\S+)$");
    private static final Duration PUSH_TIMEOUT = Duration.ofSeconds(10);
    /** The grouping label of the Pushgateway group that holds only the last success. */
    static final String SUCCESS_GROUP = "push";

    private final Optional<Path> textfile;
    private final Optional<URI> pushgateway;
    private final Map<String, String> grouping;
    private final List<NotificationKind> kinds;

    /**
     * @param grouping the push's grouping labels besides the job, and the textfile's labels on every sample: a
     *                 shard's ({@code shard} = "I/N"), or none
     * @param kinds    the kinds the configuration sends: each has its deliveries series, zero when nothing was due
     */
    public OperatorMetrics(Optional<Path> textfile, Optional<URI> pushgateway, Map<String, String> grouping,
                           List<NotificationKind> kinds) {
        this.textfile = textfile;
        this.pushgateway = pushgateway;
        this.grouping = Map.copyOf(grouping);
        this.kinds = List.copyOf(kinds);
    }

    /**
     * The textfile a run writes: {@code metrics.textfile} itself, or for a shard a file of its own beside it
     * ({@code license-notify.prom} → {@code license-notify.shard-1-of-4.prom}, which node_exporter reads as it reads
     * every {@code *.prom} of its directory), so that no shard rewrites another's series or carries another's last
     * success forward.
     */
    public static Optional<Path> textfileOf(Optional<Path> configured, Shard part) {
        if (part.isAll()) return configured;
        return configured.map(file -> {
            String name = file.getFileName().toString();
            String shard = ".shard-" + part.index() + "-of-" + part.count();
            int dot = name.endsWith(".prom") ? name.length() - ".prom".length() : name.length();
            return file.resolveSibling(name.substring(0, dot) + shard + name.substring(dot));
        });
    }

    /** Nothing is written or pushed (a dry run, an ad-hoc run of named enterprises, or neither key set). */
    public static final OperatorMetrics NONE = new OperatorMetrics(Optional.empty(), Optional.empty(), Map.of(),
            List.of());

    /**
     * Writes and pushes the metrics of a run that ended at {@code end} with {@code exitCode}; {@code report} is absent
     * when the run failed before it had one.
     *
     * @return what could not be done, one sentence each, for the summary and the report's warnings; never throws
     */
    public List<String> export(Optional<RunReport> report, int exitCode, Instant end, Duration took) {
        List<String> problems = new ArrayList<>();
        textfile.ifPresent(file -> {
            try {
                OptionalDouble previous = exitCode == 0 ? OptionalDouble.empty() : previousSuccess(file);
                ReportFile.write(file, text(snapshots(report, kinds, exitCode, end, took, previous, labels())),
                        "metrics file");
            } catch (RuntimeException e) {
                problems.add("the metrics file was not written: " + e.getMessage());
            }
        });
        pushgateway.ifPresent(url -> {
            try {
                // the grouping key labels every pushed sample already; the last success has its own group
                MetricSnapshots run = snapshots(report, kinds, exitCode, end, took, OptionalDouble.empty(), Labels.EMPTY);
                push(url, Map.of(), new MetricSnapshots(run.stream().filter(m -> !isLastSuccess(m)).toList()));
                if (exitCode == 0)
                    push(url, Map.of(SUCCESS_GROUP, "last_success"),
                            new MetricSnapshots(run.stream().filter(OperatorMetrics::isLastSuccess).toList()));
            } catch (IOException | RuntimeException e) {
                problems.add("the metrics were not pushed to " + url.getHost() + ": " + CheckCommand.reason(e));
            }
        });
        return problems;
    }

    private Labels labels() {
        Labels labels = Labels.EMPTY;
        for (var label : new java.util.TreeMap<>(grouping).entrySet()) labels = labels.add(label.getKey(), label.getValue());
        return labels;
    }

    private static boolean isLastSuccess(MetricSnapshot metric) {
        return metric.getMetadata().getPrometheusName().equals(LAST_SUCCESS);
    }

    /** The run's metrics, each sample with {@code extra} labels besides its own. */
    static MetricSnapshots snapshots(Optional<RunReport> report, List<NotificationKind> kinds, int exitCode,
                                     Instant end, Duration took, OptionalDouble previousSuccess, Labels extra) {
        List<MetricSnapshot> all = new ArrayList<>();
        double endSeconds = end.toEpochMilli() / 1000.0;
        all.add(gauge(extra, "license_notify_last_run_timestamp_seconds", "When the last send run ended (Unix time)",
                Map.of(Labels.EMPTY, endSeconds)));
        OptionalDouble success = exitCode == 0 ? OptionalDouble.of(endSeconds) : previousSuccess;
        if (success.isPresent())
            all.add(gauge(extra, LAST_SUCCESS, "When the last send run that exited 0 ended (Unix time)",
                    Map.of(Labels.EMPTY, success.getAsDouble())));
        all.add(gauge(extra, "license_notify_run_duration_seconds",
                "How long the last send command took, start to end: configuration, connections, the ledger's migration"
                        + " and the run (the report's elapsed time is the run alone)",
                Map.of(Labels.EMPTY, took.toMillis() / 1000.0)));
        all.add(gauge(extra, "license_notify_exit_code", "The last send run's exit code (0 all delivered, 1 problems)",
                Map.of(Labels.EMPTY, (double) exitCode)));
        report.ifPresent(r -> {
            Map<Labels, Double> deliveries = new LinkedHashMap<>();
            Map<NotificationKind, RunReport.KindCounts> counts = new LinkedHashMap<>();
            kinds.forEach(kind -> counts.put(kind, RunReport.KindCounts.ZERO));
            counts.putAll(r.deliveries());
            counts.forEach((kind, c) -> {
                long[] values = {c.due(), c.sent(), c.failed(), c.superseded(), c.uncertain(), c.claimedElsewhere(),
                        c.suppressed(), c.queued()};
                String[] states = {"due", "sent", "failed", "superseded", "uncertain", "claimed_elsewhere", "suppressed",
                        "queued"};
                for (int i = 0; i < states.length; i++)
                    deliveries.put(Labels.of("kind", kind.code(), "state", states[i]), (double) values[i]);
            });
            all.add(gauge(extra, "license_notify_deliveries", "Deliveries of the last send run by kind and state", deliveries));
            Map<Labels, Double> enterprises = new LinkedHashMap<>();
            enterprises.put(Labels.of("outcome", "seen"), (double) r.enterprises().seen());
            enterprises.put(Labels.of("outcome", "evaluated"), (double) r.enterprises().evaluated());
            enterprises.put(Labels.of("outcome", "skipped"),
                    (double) r.enterprises().skipped().values().stream().mapToLong(Long::longValue).sum());
            enterprises.put(Labels.of("outcome", "failed"), (double) r.enterprises().failed());
            enterprises.put(Labels.of("outcome", "not_reached"), (double) r.problems().enterprisesNotReached());
            all.add(gauge(extra, "license_notify_enterprises", "Enterprises of the last send run by outcome", enterprises));
            all.add(gauge(extra, "license_notify_braze_requests", "Braze requests the last send run made",
                    Map.of(Labels.EMPTY, (double) r.requests().made())));
            all.add(gauge(extra, "license_notify_braze_recipients_per_request",
                    "Deliveries sent per accepted Braze request in the last send run (50 at most)",
                    Map.of(Labels.EMPTY, r.recipientsPerRequest())));
        });
        return new MetricSnapshots(all);
    }

    static String text(MetricSnapshots snapshots) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            PrometheusTextFormatWriter.create().write(out, snapshots, EscapingScheme.UNDERSCORE_ESCAPING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Replaces the group of the job, the grouping labels and {@code more} with {@code snapshots} (PUT). */
    private void push(URI url, Map<String, String> more, MetricSnapshots snapshots) throws IOException {
        PrometheusRegistry registry = new PrometheusRegistry();
        registry.register((MultiCollector) () -> snapshots);
        String path = url.getRawPath() == null ? "" : url.getRawPath().replaceAll("/+$", "");
        PushGateway.Builder push = PushGateway.builder()
                .scheme("https".equalsIgnoreCase(url.getScheme()) ? Scheme.HTTPS : Scheme.HTTP)
                .address(url.getHost() + (url.getPort() > 0 ? ":" + url.getPort() : "") + path)
                .format(Format.PROMETHEUS_TEXT) // what the textfile holds too: readable on the wire
                .job(JOB)
                .registry(registry)
                .connectionTimeout(PUSH_TIMEOUT)
                .readTimeout(PUSH_TIMEOUT);
        grouping.forEach(push::groupingKey);
        more.forEach(push::groupingKey);
        push.build().push();
    }

    /** The last success the file holds from an earlier run, so that a failed run does not erase it. */
    private static OptionalDouble previousSuccess(Path file) {
        try {
            if (!Files.isRegularFile(file)) return OptionalDouble.empty();
            Matcher m = PREVIOUS_SUCCESS.matcher(Files.readString(file, StandardCharsets.UTF_8));
            return m.find() ? OptionalDouble.of(Double.parseDouble(m.group(1))) : OptionalDouble.empty();
        } catch (IOException | NumberFormatException unreadable) {
            return OptionalDouble.empty(); // the next success writes it again
        }
    }

    private static GaugeSnapshot gauge(Labels extra, String name, String help, Map<Labels, Double> points) {
        GaugeSnapshot.Builder gauge = GaugeSnapshot.builder().name(name).help(help);
        points.forEach((labels, value) -> gauge.dataPoint(GaugeDataPointSnapshot.builder().labels(labels.merge(extra))
                .value(value).build()));
        return gauge.build();
    }
}
