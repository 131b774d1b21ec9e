package io.licensenotify.adapter.braze;

import ch.qos.logback.classic.Level;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.licensenotify.domain.NotificationKind;
import io.licensenotify.domain.Shard;
import io.licensenotify.ports.failure.Failure;
import io.licensenotify.ports.failure.FailureKind;
import io.licensenotify.ports.failure.RunErrors;
import io.licensenotify.ports.failure.RunProblems;
import io.licensenotify.ports.failure.SharedFailure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.licensenotify.adapter.braze.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

class BrazeErrorReporterTest {

    @RegisterExtension
    static WireMockExtension braze = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private final LogCapture logs = new LogCapture();

    @AfterEach
    void noLogLineCarriesTheApiKey() {
        logs.close();
        assertThat(logs.lines()).noneMatch(line -> line.contains(API_KEY));
    }

    private static RunErrors report(List<Failure> failures, List<Failure> uncertain) {
        return new RunErrors("run-7", TODAY, Shard.ALL, new RunProblems(failures, uncertain, List.of(), 0,
                Optional.empty(), 0, List.of(), List.of()));
    }

    private static final Failure LOOKUP = new Failure(ENTERPRISE, Optional.empty(),
            Optional.empty(), FailureKind.ADMIN_LOOKUP, "LMS answered 503").withEnterpriseName("Acme Learning");
    private static final Failure REFUSED = new Failure(ENTERPRISE, Optional.of(101L),
            Optional.of(NotificationKind.threshold(75)), FailureKind.SEND_PERMANENT, "Braze answered 400: Invalid Campaign ID");
    private static final Failure TIMED_OUT = new Failure(ENTERPRISE, Optional.of(102L),
            Optional.of(NotificationKind.WEEKLY_DIGEST), FailureKind.OUTCOME_UNKNOWN, "no answer from Braze");

    private static BrazeSettings.Builder configured() {
        return settings(braze.baseUrl()).runErrorsCampaign(CAMPAIGN_ERRORS).errorRecipients(List.of("42", " 43 "));
    }

    @Test
    void sendsOneRequestListingEveryFailureAndUncertainDelivery() {
        braze.stubFor(post(PATH).willReturn(aResponse().withStatus(201).withBody("{\"dispatch_id\":\"e-1\"}")));

        new BrazeErrorReporter(configured().build()).report(report(List.of(LOOKUP, REFUSED), List.of(TIMED_OUT)));

        braze.verify(1, postRequestedFor(urlEqualTo(PATH))
                .withHeader("Authorization", equalTo("Bearer " + API_KEY))
                .withRequestBody(equalToJson("""
                        {
                          "campaign_id": "camp-run-errors",
                          "broadcast": false,
                          "trigger_properties": {
                            "run_id": "run-7",
                            "as_of": "2026-05-04",
                            "shard": null,
                            "failure_count": 2,
                            "uncertain_count": 1,
                            "failures": [
                              {"enterprise_customer_id": "11111111-2222-3333-4444-555555555555",
                               "enterprise_customer_name": "Acme Learning", "ecu_id": null, "kind": null, "error": "ADMIN_LOOKUP", "message": "LMS answered 503"},
                              {"enterprise_customer_id": "11111111-2222-3333-4444-555555555555",
                               "enterprise_customer_name": null, "ecu_id": 101,
                               "kind": "UTILIZATION_75", "error": "SEND_PERMANENT",
                               "message": "Braze answered 400: Invalid Campaign ID"},
                              {"enterprise_customer_id": "11111111-2222-3333-4444-555555555555",
                               "enterprise_customer_name": null, "ecu_id": 102,
                               "kind": "WEEKLY_DIGEST", "error": "OUTCOME_UNKNOWN", "message": "no answer from Braze"}
                            ],
                            "truncated": 0,
                            "shared_failures": [],
                            "complete": true,
                            "stopped_early": null,
                            "enterprises_not_reached": 0
                          },
                          "recipients": [{"external_user_id": "42"}, {"external_user_id": "43"}]
                        }""", false, false)));
    }

    @Test
    void namesAFailureSharedByManyEnterprisesOnceAndSaysTheRunStoppedEarly() {
        braze.stubFor(post(PATH).willReturn(aResponse().withStatus(201).withBody("{\"dispatch_id\":\"e-1\"}")));
        RunErrors stopped = new RunErrors("run-8", TODAY, Shard.ALL, new RunProblems(List.of(), List.of(),
                List.of(new SharedFailure(FailureKind.ADMIN_LOOKUP, "the LMS refused the client credentials", 40,
                        List.of(ENTERPRISE))), 0, Optional.of("stopped by SIGTERM"), 60, List.of(), List.of()));

        new BrazeErrorReporter(configured().build()).report(stopped);

        braze.verify(1, postRequestedFor(urlEqualTo(PATH))
                .withRequestBody(matchingJsonPath("$.trigger_properties.shared_failures.length()", equalTo("1")))
                .withRequestBody(matchingJsonPath("$.trigger_properties.shared_failures[0].enterprise_count", equalTo("40")))
                .withRequestBody(matchingJsonPath("$.trigger_properties.failures.length()", equalTo("0")))
                .withRequestBody(matchingJsonPath("$.trigger_properties.complete", equalTo("false")))
                .withRequestBody(matchingJsonPath("$.trigger_properties.stopped_early", equalTo("stopped by SIGTERM")))
                .withRequestBody(matchingJsonPath("$.trigger_properties.enterprises_not_reached", equalTo("60"))));
    }

    @Test
    void namesTheShardOfARunThatIsOneOfSeveral() {
        braze.stubFor(post(PATH).willReturn(aResponse().withStatus(201).withBody("{\"dispatch_id\":\"e-1\"}")));
        RunErrors ofShard = new RunErrors("run-9", TODAY, new Shard(1, 4), new RunProblems(List.of(REFUSED), List.of(),
                List.of(), 0, Optional.empty(), 0, List.of(), List.of()));

        new BrazeErrorReporter(configured().build()).report(ofShard);

        braze.verify(1, postRequestedFor(urlEqualTo(PATH))
                .withRequestBody(matchingJsonPath("$.trigger_properties.shard", equalTo("1/4")))
                .withRequestBody(matchingJsonPath("$.trigger_properties.run_id", equalTo("run-9"))));
        assertThat(logs.lines()).anyMatch(line -> line.contains("run run-9 (shard 1/4)"));
    }

    @Test
    void listsAtMostAHundredFailuresAndCountsTheRest() {
        braze.stubFor(post(PATH).willReturn(aResponse().withStatus(201).withBody("{\"dispatch_id\":\"e-1\"}")));
        List<Failure> many = IntStream.range(0, 130).mapToObj(i -> REFUSED).toList();

        new BrazeErrorReporter(configured().build()).report(report(many, List.of()));

        braze.verify(1, postRequestedFor(urlEqualTo(PATH))
                .withRequestBody(matchingJsonPath("$.trigger_properties.failures.length()", equalTo("100")))
                .withRequestBody(matchingJsonPath("$.trigger_properties.truncated", equalTo("30")))
                .withRequestBody(matchingJsonPath("$.trigger_properties.failure_count", equalTo("130"))));
    }

    @Test
    void logsOneWarningAndSendsNothingWithoutRecipients() {
        new BrazeErrorReporter(settings(braze.baseUrl()).runErrorsCampaign(CAMPAIGN_ERRORS).build())
                .report(report(List.of(REFUSED), List.of()));

        assertThat(braze.getAllServeEvents()).isEmpty();
        assertThat(logs.events()).filteredOn(e -> e.getLevel() == Level.WARN).singleElement()
                .satisfies(e -> assertThat(e.getFormattedMessage()).contains("notify.error-recipients"));
    }

    @Test
    void logsOneWarningAndSendsNothingWithoutTheCampaign() {
        new BrazeErrorReporter(settings(braze.baseUrl()).errorRecipients(List.of("42")).build())
                .report(report(List.of(REFUSED), List.of()));

        assertThat(braze.getAllServeEvents()).isEmpty();
        assertThat(logs.events()).filteredOn(e -> e.getLevel() == Level.WARN).singleElement()
                .satisfies(e -> assertThat(e.getFormattedMessage()).contains("braze.campaign.run-errors"));
    }

    @Test
    void neverThrowsWhenBrazeRefusesAndLogsWithoutTheKey() {
        braze.stubFor(post(PATH).willReturn(aResponse().withStatus(401)
                .withBody("{\"message\":\"Invalid API key: " + API_KEY + "\"}")));

        assertThatCode(() -> new BrazeErrorReporter(configured().build()).report(report(List.of(REFUSED), List.of())))
                .doesNotThrowAnyException();
        assertThat(logs.events()).filteredOn(e -> e.getLevel() == Level.WARN).singleElement()
                .satisfies(e -> assertThat(e.getFormattedMessage()).contains("401").contains("****")
                        .as("a sentence, not a record's toString").doesNotContain("Failed[", "transientFailure="));
    }

    @Test
    void sharesTheMessengersClientAndItsRequestCount() {
        braze.stubFor(post(PATH).willReturn(aResponse().withStatus(201).withBody("{\"dispatch_id\":\"e-1\"}")));
        BrazeMessenger messenger = new BrazeMessenger(configured().build());

        new BrazeErrorReporter(messenger).report(report(List.of(REFUSED), List.of()));

        assertThat(messenger.requestsMade()).isEqualTo(1);
        braze.verify(1, postRequestedFor(urlEqualTo(PATH)));
    }
}
