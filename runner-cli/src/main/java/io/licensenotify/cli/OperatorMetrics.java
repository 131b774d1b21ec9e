package io.licensenotify.cli;

import io.licensenotify.ports.in.RunReport;
import io.prometheus.metrics.config.EscapingScheme;
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
 * (issue 15 item 2): a node-exporter textfile ({@code metrics.textfile}, written whole through a temporary file) and
 * a Prometheus Pushgateway ({@code metrics.pushgateway-url}, job {@code license-notify}). A metric a run cannot
 * tell (the deliveries of a run that failed before it started) is left out. {@code last_success} is written only by
 * a run that exited 0: the textfile carries the previous value over, and the push replaces only the metrics it
 * sends (POST), so an alert on its age sees the last success, not the last run. A shard's run (issue 16) carries
 * its labels ({@code shard="1/4"}) on every sample of the textfile and as the push's grouping key, so that the shards
 * of one job do not overwrite each other's metrics.
 */
public final class OperatorMetrics {
    static final String JOB = "license-notify";
    static final String LAST_SUCCESS = "license_notify_last_success_timestamp_seconds";
    private static final Pattern PREVIOUS_SUCCESS = Pattern.compile("(?m)^" + LAST_SUCCESS + "(?:\\{[^}]*\\})? (\\S+)$");
    private static final Duration PUSH_TIMEOUT = Duration.ofSeconds(10);

    private final Optional<Path> textfile;
    private final Optional<URI> pushgateway;
    private final Map<String, String> grouping;

    /**
     * @param grouping the push's grouping labels besides the job, and the textfile's labels on every sample: a
     *                 shard's ({@code shard} = "I/N"), or none
     */
    public OperatorMetrics(Optional<Path> textfile, Optional<URI> pushgateway, Map<String, String> grouping) {
        this.textfile = textfile;
        this.pushgateway = pushgateway;
        this.grouping = Map.copyOf(grouping);
    }

    /** Nothing is written or pushed (a dry run, or neither key set). */
    public static final OperatorMetrics NONE = new OperatorMetrics(Optional.empty(), Optional.empty(), Map.of());

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
                ReportFile.write(file, text(snapshots(report, exitCode, end, took, previous, labels())), "metrics file");
            } catch (RuntimeException e) {
                problems.add("the metrics file was not written: " + e.getMessage());
            }
        });
        pushgateway.ifPresent(url -> {
            try {
                // the grouping key labels every pushed sample already
                push(url, snapshots(report, exitCode, end, took, OptionalDouble.empty(), Labels.EMPTY));
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

    static MetricSnapshots snapshots(Optional<RunReport> report, int exitCode, Instant end, Duration took,
                                     OptionalDouble previousSuccess) {
        return snapshots(report, exitCode, end, took, previousSuccess, Labels.EMPTY);
    }

    /** The run's metrics, each sample with {@code extra} labels besides its own. */
    static MetricSnapshots snapshots(Optional<RunReport> report, int exitCode, Instant end, Duration took,
                                     OptionalDouble previousSuccess, Labels extra) {
        List<MetricSnapshot> all = new ArrayList<>();
        double endSeconds = end.toEpochMilli() / 1000.0;
        all.add(gauge(extra, "license_notify_last_run_timestamp_seconds", "When the last send run ended (Unix time)",
                Map.of(Labels.EMPTY, endSeconds)));
        OptionalDouble success = exitCode == 0 ? OptionalDouble.of(endSeconds) : previousSuccess;
        if (success.isPresent())
            all.add(gauge(extra, LAST_SUCCESS, "When the last send run that exited 0 ended (Unix time)",
                    Map.of(Labels.EMPTY, success.getAsDouble())));
        all.add(gauge(extra, "license_notify_run_duration_seconds", "How long the last send run took",
                Map.of(Labels.EMPTY, took.toMillis() / 1000.0)));
        all.add(gauge(extra, "license_notify_exit_code", "The last send run's exit code (0 all delivered, 1 problems)",
                Map.of(Labels.EMPTY, (double) exitCode)));
        report.ifPresent(r -> {
            Map<Labels, Double> deliveries = new LinkedHashMap<>();
            r.deliveries().forEach((kind, c) -> {
                long[] values = {c.due(), c.sent(), c.failed(), c.superseded(), c.uncertain(), c.claimedElsewhere(),
                        c.suppressed()};
                String[] states = {"due", "sent", "failed", "superseded", "uncertain", "claimed_elsewhere", "suppressed"};
                for (int i = 0; i < states.length; i++)
                    deliveries.put(Labels.of("kind", kind.code(), "state", states[i]), (double) values[i]);
            });
            all.add(gauge(extra, "license_notify_deliveries", "Deliveries of the last send run by kind and state", deliveries));
            Map<Labels, Double> enterprises = new LinkedHashMap<>();
            enterprises.put(Labels.of("outcome", "seen"), (double) r.enterprisesSeen());
            enterprises.put(Labels.of("outcome", "evaluated"), (double) r.enterprisesEvaluated());
            enterprises.put(Labels.of("outcome", "skipped"),
                    (double) r.enterprisesSkipped().values().stream().mapToLong(Long::longValue).sum());
            enterprises.put(Labels.of("outcome", "failed"), (double) r.enterprisesFailed());
            enterprises.put(Labels.of("outcome", "not_reached"), (double) r.enterprisesNotReached());
            all.add(gauge(extra, "license_notify_enterprises", "Enterprises of the last send run by outcome", enterprises));
            all.add(gauge(extra, "license_notify_braze_requests", "Braze requests the last send run made",
                    Map.of(Labels.EMPTY, (double) r.messengerRequests())));
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

    private void push(URI url, MetricSnapshots snapshots) throws IOException {
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
        // POST: replaces the metrics pushed now and keeps the others, such as the last success of an earlier run
        push.build().pushAdd();
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
