package io.licensenotify.cli;

import com.sun.net.httpserver.HttpServer;
import io.licensenotify.domain.NotificationKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The textfile, parsed as Prometheus reads it, and the push, received by a real HTTP server. */
public class OperatorMetricsTest {
    private static final Pattern SAMPLE = Pattern.compile("^([a-z_]+)(\\{[^}]*})? (\\S+)$");
    private static final Instant END = Instant.parse("2026-03-02T02:05:30Z");
    private static final LocalDate DAY = LocalDate.of(2026, 3, 2);
    private static final List<NotificationKind> KINDS = List.of(NotificationKind.threshold(75),
            NotificationKind.threshold(100), NotificationKind.WEEKLY_DIGEST);
    private static final String DIGEST_UNCERTAIN = "license_notify_deliveries{kind=\"WEEKLY_DIGEST\",state=\"uncertain\"}";

    @TempDir
    Path dir;
    private HttpServer gateway;
    private final List<String> received = new ArrayList<>();
    private int answer = 200;

    @AfterEach
    void stop() {
        if (gateway != null) gateway.stop(0);
    }

    @Test
    void theTextfileHoldsEveryMetricOfTheRunAndIsReplacedWhole() throws IOException {
        Path file = dir.resolve("license-notify.prom");
        Files.writeString(file, "stale\n");

        List<String> problems = metrics(file, null).export(Optional.of(Reports.withProblems(DAY)), 1, END,
                Duration.ofMillis(3500));

        assertThat(problems).isEmpty();
        Map<String, Double> samples = parse(Files.readString(file));
        assertThat(samples).containsEntry("license_notify_last_run_timestamp_seconds", (double) END.getEpochSecond())
                .containsEntry("license_notify_run_duration_seconds", 3.5)
                .containsEntry("license_notify_exit_code", 1.0)
                .containsEntry("license_notify_braze_requests", 4.0)
                .containsEntry("license_notify_braze_recipients_per_request", 1.0)
                .containsEntry("license_notify_deliveries{kind=\"UTILIZATION_75\",state=\"failed\"}", 1.0)
                .containsEntry("license_notify_deliveries{kind=\"WEEKLY_DIGEST\",state=\"uncertain\"}", 1.0)
                .containsEntry("license_notify_deliveries{kind=\"UTILIZATION_100\",state=\"superseded\"}", 2.0)
                .containsEntry("license_notify_enterprises{outcome=\"failed\"}", 1.0)
                .containsEntry("license_notify_enterprises{outcome=\"seen\"}", 6.0)
                .doesNotContainKey("license_notify_last_success_timestamp_seconds")
                .doesNotContainKey("stale");
        assertThat(Files.readString(file)).as("what the duration measures, beside the report's elapsed time")
                .contains("# HELP license_notify_run_duration_seconds How long the last send command took, start to end")
                .contains("the report's elapsed time is the run alone");
        try (var left = Files.list(dir)) {
            assertThat(left).as("no temporary file left").containsExactly(file);
        }
    }

    @Test
    void aFailedRunKeepsTheLastSuccessOfTheRunBeforeIt() throws IOException {
        Path file = dir.resolve("license-notify.prom");
        OperatorMetrics metrics = metrics(file, null);

        metrics.export(Optional.of(Reports.clean(DAY)), 0, END, Duration.ofSeconds(2));
        metrics.export(Optional.empty(), 1, END.plusSeconds(86_400), Duration.ofSeconds(1));

        Map<String, Double> samples = parse(Files.readString(file));
        assertThat(samples).containsEntry("license_notify_last_success_timestamp_seconds", (double) END.getEpochSecond())
                .containsEntry("license_notify_last_run_timestamp_seconds", END.getEpochSecond() + 86_400.0)
                .containsEntry("license_notify_exit_code", 1.0)
                .doesNotContainKey("license_notify_braze_requests");
    }

    @Test
    void theRunIsPushedToThePushgatewayUnderItsJob() throws IOException {
        startGateway();

        List<String> problems = metrics(null, gatewayUrl()).export(Optional.of(Reports.clean(DAY)), 0, END,
                Duration.ofSeconds(2));

        assertThat(problems).isEmpty();
        assertThat(received).hasSize(2);
        String[] push = received.get(0).split("\n", 2);
        // PUT: the run's group whole; the last success goes to a group of its own
        assertThat(push[0]).isEqualTo("PUT /prefix/metrics/job/license-notify");
        Map<String, Double> samples = parse(push[1]);
        assertThat(samples).containsEntry("license_notify_exit_code", 0.0)
                .containsEntry("license_notify_deliveries{kind=\"UTILIZATION_75\",state=\"sent\"}", 2.0);
        assertThat(gatewayHolds("/prefix/metrics/job/license-notify/push/last_success"))
                .containsEntry("license_notify_last_success_timestamp_seconds", (double) END.getEpochSecond());
    }

    @Test
    void aShardLabelsEverySampleOfItsTextfileAndGroupsItsPushAndKeepsItsLastSuccess() throws IOException {
        Path file = dir.resolve("license-notify.prom");
        startGateway();
        OperatorMetrics shard = new OperatorMetrics(Optional.of(file), Optional.of(gatewayUrl()), Map.of("shard", "1/4"),
                KINDS);

        assertThat(shard.export(Optional.of(Reports.clean(DAY)), 0, END, Duration.ofSeconds(2))).isEmpty();
        shard.export(Optional.empty(), 1, END.plusSeconds(86_400), Duration.ofSeconds(1));

        Map<String, Double> samples = parse(Files.readString(file));
        assertThat(samples.keySet()).isNotEmpty().allMatch(name -> name.contains("shard=\"1/4\""));
        assertThat(samples).containsEntry("license_notify_exit_code{shard=\"1/4\"}", 1.0)
                .as("a failed run keeps the shard's last success")
                .containsEntry("license_notify_last_success_timestamp_seconds{shard=\"1/4\"}", (double) END.getEpochSecond());
        // the grouping key's value holds a slash, so the client sends it base64-encoded ("1/4" is MS80)
        assertThat(received).first().asString()
                .startsWith("PUT /prefix/metrics/job/license-notify/shard@base64/MS80\n");
    }

    @Test
    void eachPushReplacesItsGroupWholeWithZerosSoAnEarlierUncertainCountIsGoneAndTheLastSuccessStays() throws IOException {
        startGateway();
        OperatorMetrics metrics = new OperatorMetrics(Optional.empty(), Optional.of(gatewayUrl()), Map.of(), KINDS);
        String run = "/prefix/metrics/job/license-notify";
        String success = run + "/push/last_success";

        metrics.export(Optional.of(Reports.withProblems(DAY)), 1, END, Duration.ofSeconds(3));
        assertThat(gatewayHolds(run)).containsEntry(DIGEST_UNCERTAIN, 1.0);
        metrics.export(Optional.of(Reports.nothingDue(DAY.plusDays(1))), 0, END.plusSeconds(86_400), Duration.ofSeconds(1));

        // the uncertain-deliveries alert of docs/operating.md stops firing after a clean run that had nothing due
        Map<String, Double> afterClean = gatewayHolds(run);
        assertThat(afterClean).containsEntry(DIGEST_UNCERTAIN, 0.0)
                .containsEntry("license_notify_deliveries{kind=\"UTILIZATION_75\",state=\"failed\"}", 0.0)
                .containsEntry("license_notify_deliveries{kind=\"UTILIZATION_100\",state=\"superseded\"}", 0.0)
                .containsEntry("license_notify_exit_code", 0.0)
                .doesNotContainKey("license_notify_last_success_timestamp_seconds");
        assertThat(afterClean.keySet().stream().filter(k -> k.startsWith("license_notify_deliveries{")))
                .as("every configured kind in every state").hasSize(KINDS.size() * 8);
        assertThat(gatewayHolds(success)).containsExactly(
                Map.entry("license_notify_last_success_timestamp_seconds", END.getEpochSecond() + 86_400.0));

        metrics.export(Optional.empty(), 1, END.plusSeconds(2 * 86_400), Duration.ofSeconds(1));

        assertThat(gatewayHolds(run)).containsEntry("license_notify_exit_code", 1.0)
                .as("a run that failed before it counted anything leaves no count of an earlier run")
                .doesNotContainKey(DIGEST_UNCERTAIN);
        assertThat(gatewayHolds(success)).as("the failed run leaves the last success as it was").containsExactly(
                Map.entry("license_notify_last_success_timestamp_seconds", END.getEpochSecond() + 86_400.0));
        assertThat(received).extracting(r -> r.substring(0, r.indexOf(' '))).as("every push a PUT").containsOnly("PUT");
    }

    @Test
    void aFailedPushIsAProblemToReportNotAnError() throws IOException {
        startGateway();
        answer = 503;

        List<String> problems = metrics(null, gatewayUrl()).export(Optional.of(Reports.clean(DAY)), 0, END,
                Duration.ofSeconds(2));

        assertThat(problems).singleElement().asString().startsWith("the metrics were not pushed to 127.0.0.1: ")
                .contains("503");
    }

    private static OperatorMetrics metrics(Path file, URI url) {
        return new OperatorMetrics(Optional.ofNullable(file), Optional.ofNullable(url), Map.of(), KINDS);
    }

    /**
     * What a Pushgateway holds for the group at {@code path} after the pushes received, as it keeps them: a PUT
     * replaces the group whole, a POST the metrics it names, a DELETE removes the group.
     */
    private Map<String, Double> gatewayHolds(String path) {
        Map<String, Map<String, Double>> byMetric = new HashMap<>();
        synchronized (received) {
            for (String push : received) {
                String[] parts = push.split("\n", 2);
                String[] line = parts[0].split(" ");
                if (!line[1].equals(path)) continue;
                if (!line[0].equals("POST")) byMetric.clear();
                if (line[0].equals("DELETE")) continue;
                Map<String, Map<String, Double>> pushed = new HashMap<>();
                parse(parts.length > 1 ? parts[1] : "").forEach((sample, value) -> pushed
                        .computeIfAbsent(sample.replaceFirst("\\{.*", ""), m -> new HashMap<>()).put(sample, value));
                byMetric.putAll(pushed);
            }
        }
        Map<String, Double> samples = new HashMap<>();
        byMetric.values().forEach(samples::putAll);
        return samples;
    }

    private void startGateway() throws IOException {
        gateway = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        gateway.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            synchronized (received) {
                received.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + "\n" + body);
            }
            exchange.sendResponseHeaders(answer, -1);
            exchange.close();
        });
        gateway.start();
    }

    private URI gatewayUrl() {
        return URI.create("http://127.0.0.1:" + gateway.getAddress().getPort() + "/prefix/");
    }

    /** Every sample line, by name and labels; comments skipped; a line of no known shape kept as is. */
    public static Map<String, Double> parse(String text) {
        Map<String, Double> samples = new HashMap<>();
        for (String line : text.lines().toList()) {
            if (line.isBlank() || line.startsWith("#")) continue;
            Matcher m = SAMPLE.matcher(line);
            if (m.matches()) samples.put(m.group(1) + (m.group(2) == null ? "" : m.group(2)), Double.parseDouble(m.group(3)));
            else samples.put(line, Double.NaN);
        }
        return samples;
    }
}
