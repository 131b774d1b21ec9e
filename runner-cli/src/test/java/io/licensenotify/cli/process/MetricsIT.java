package io.licensenotify.cli.process;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.licensenotify.adapter.persistence.TestDatabase;
import io.licensenotify.cli.OperatorMetricsTest;
import io.licensenotify.cli.process.LicenseNotifyProcess.Result;
import io.licensenotify.standin.Answer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * After every send run (a good one, one with problems, one that failed before it could
 * report), the node-exporter textfile says so and the Pushgateway receives it; a Pushgateway that refuses is a
 * warning in the summary and the report, never a failed run.
 */
class MetricsIT extends ProcessTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SUCCESS = "license_notify_last_success_timestamp_seconds";
    private HttpServer gateway;
    private final List<String> pushes = new ArrayList<>();
    private final AtomicInteger answer = new AtomicInteger(200);

    @Override
    TestDatabase target() {
        return TestDatabase.H2;
    }

    @BeforeEach
    void startGateway() throws IOException {
        gateway = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        gateway.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            synchronized (pushes) {
                pushes.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + "\n" + body);
            }
            exchange.sendResponseHeaders(answer.get(), -1);
            exchange.close();
        });
        gateway.start();
    }

    @AfterEach
    void stopGateway() {
        gateway.stop(0);
    }

    @Test
    void everyRunWritesTheTextfileAndPushesGoodFailedAndBrokenAlike() throws IOException {
        Scenario.standard().load(db, lms);
        Path textfile = dir.resolve("license-notify.prom");
        LicenseNotifyProcess command = command().with("metrics.textfile", textfile.toString())
                .with("metrics.pushgateway-url", "http://127.0.0.1:" + gateway.getAddress().getPort());

        Result good = command.run("send", "--as-of", Scenario.AS_OF.toString());
        String afterGood = Files.readString(textfile);
        Result broken = command.copy().with("db.url", "jdbc:mariadb://127.0.0.1:9/nothing-listens-here")
                .run("send", "--as-of", Scenario.AS_OF.toString());
        String afterBroken = Files.readString(textfile);

        assertThat(good.exitCode()).as(good.toString()).isZero();
        Map<String, Double> metrics = OperatorMetricsTest.parse(afterGood);
        assertThat(metrics).containsEntry("license_notify_exit_code", 0.0)
                .containsEntry("license_notify_deliveries{kind=\"WEEKLY_DIGEST\",state=\"sent\"}", 3.0)
                .containsEntry("license_notify_enterprises{outcome=\"evaluated\"}", 4.0)
                .containsKeys("license_notify_braze_requests", "license_notify_run_duration_seconds",
                        "license_notify_last_run_timestamp_seconds", SUCCESS);
        assertThat(broken.exitCode()).as(broken.toString()).isEqualTo(1);
        Map<String, Double> afterFailure = OperatorMetricsTest.parse(afterBroken);
        assertThat(afterFailure).containsEntry("license_notify_exit_code", 1.0)
                .containsEntry(SUCCESS, metrics.get(SUCCESS))
                .doesNotContainKey("license_notify_deliveries{kind=\"WEEKLY_DIGEST\",state=\"sent\"}");
        // each run replaces its group (PUT); the good run also its last success, in a group of its own
        assertThat(pushes).hasSize(3).allSatisfy(p -> assertThat(p).startsWith("PUT /metrics/job/license-notify"));
        assertThat(pushes.get(1)).startsWith("PUT /metrics/job/license-notify/push/last_success\n");
        assertThat(OperatorMetricsTest.parse(pushes.get(1).split("\n", 2)[1])).containsOnlyKeys(SUCCESS);
        assertThat(OperatorMetricsTest.parse(pushes.get(2))).containsEntry("license_notify_exit_code", 1.0)
                .doesNotContainKey(SUCCESS);
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    @Test
    void aPushgatewayThatRefusesIsAWarningInTheSummaryAndTheReportNotAFailedRun() throws IOException {
        Scenario.standard().load(db, lms);
        answer.set(503);
        Path report = dir.resolve("report.json");

        Result run = command().with("metrics.pushgateway-url", "http://127.0.0.1:" + gateway.getAddress().getPort())
                .run("send", "--as-of", Scenario.AS_OF.toString(), "--report", report.toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.stdout()).contains("Warning: the metrics were not pushed to 127.0.0.1: ")
                .contains("Result: OK");
        assertThat(JSON.readTree(report.toFile()).path("warnings").toString()).contains("the metrics were not pushed");
    }

    @Test
    void eachShardHasItsOwnTextfileAndAnAdHocRunOfNamedEnterprisesLeavesTheDailySeriesAlone() throws IOException {
        Scenario.spread(8, 1).load(db, lms);
        Path textfile = dir.resolve("sharded.prom");
        Path shard0 = dir.resolve("sharded.shard-0-of-2.prom");
        Path shard1 = dir.resolve("sharded.shard-1-of-2.prom");
        LicenseNotifyProcess command = command().with("metrics.textfile", textfile.toString())
                .with("metrics.pushgateway-url", "http://127.0.0.1:" + gateway.getAddress().getPort());
        braze.fault(FakeBraze.anyAdminEmail(), -1, r -> Answer.status(400));

        Result failed = command.run("send", "--as-of", Scenario.AS_OF.toString(), "--shard", "0/2");
        braze.heal();
        Result good = command.run("send", "--as-of", Scenario.AS_OF.toString(), "--shard", "1/2");

        assertThat(failed.exitCode()).as(failed.toString()).isEqualTo(1);
        assertThat(good.exitCode()).as(good.toString()).isZero();
        assertThat(textfile).doesNotExist();
        Map<String, Double> first = OperatorMetricsTest.parse(Files.readString(shard0));
        Map<String, Double> second = OperatorMetricsTest.parse(Files.readString(shard1));
        // the failed shard still says it failed, and never inherits its neighbour's success
        assertThat(first).containsEntry("license_notify_exit_code{shard=\"0/2\"}", 1.0)
                .doesNotContainKey(SUCCESS + "{shard=\"0/2\"}")
                .noneSatisfy((series, value) -> assertThat(series).contains("shard=\"1/2\""));
        assertThat(second).containsEntry("license_notify_exit_code{shard=\"1/2\"}", 0.0)
                .containsKey(SUCCESS + "{shard=\"1/2\"}");
        String before0 = Files.readString(shard0);
        String before1 = Files.readString(shard1);
        int pushed = pushes.size();

        Result adHoc = command.run("send", "--as-of", Scenario.AS_OF.toString(), "--enterprise",
                Scenario.spreadEnterprise(1).toString());

        assertThat(adHoc.exitCode()).as(adHoc.toString()).isIn(0, 1);
        assertThat(Files.readString(shard0)).isEqualTo(before0);
        assertThat(Files.readString(shard1)).isEqualTo(before1);
        assertThat(textfile).doesNotExist();
        assertThat(pushes).as("pushes of the ad-hoc run").hasSize(pushed);
    }
}
