package io.licensenotify.adapter.braze;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.licensenotify.domain.NotificationKind;
import io.licensenotify.domain.Shard;
import io.licensenotify.ports.failure.Failure;
import io.licensenotify.ports.failure.FailureKind;
import io.licensenotify.ports.failure.RunErrors;
import io.licensenotify.ports.failure.RunProblems;
import io.licensenotify.ports.out.SendOutcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.licensenotify.adapter.braze.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Braze's error bodies echo recipients' addresses. What the adapter logs, returns (it becomes the
 * ledger's {@code last_error} and the report) and puts in the run-error email names a recipient by ECU id and any
 * other address as {@code <email>}.
 */
class BrazeAddressesTest {
    /** Anything with an at sign between word characters: wider than an address on purpose. */
    private static final Pattern AT = Pattern.compile("\\w@\\w");

    @RegisterExtension
    static WireMockExtension braze = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private final LogCapture logs = new LogCapture();

    @AfterEach
    void noLogLineCarriesAnAddressOrTheKey() {
        logs.close();
        assertThat(logs.lines()).as("every captured log line, DEBUG and up").isNotEmpty()
                .noneMatch(line -> AT.matcher(line).find()).noneMatch(line -> line.contains(API_KEY));
    }

    private static SendOutcome sendToTwo() {
        return new BrazeMessenger(settings(braze.baseUrl()).build())
                .send(threshold75(List.of(admin(101, 9001), admin(102, 9002))));
    }

    @Test
    void namesEchoedRecipientsByEcuIdAndAnyOtherAddressAsEmailInTheReasonAndTheLogs() {
        // upper case too: a recipient is recognised whatever the case Braze echoes it in
        braze.stubFor(post(PATH).willReturn(aResponse().withStatus(400).withBody("{\"message\":\"invalid email "
                + "user9001@example.com, USER9002@Example.COM; not ours: stranger@elsewhere.org, "
                + "xuser9001@example.com, user9001@example.com.evil.org\"}")));

        SendOutcome outcome = sendToTwo();

        assertThat(outcome).isEqualTo(new SendOutcome.Failed(false, 400, "Braze answered 400: invalid email "
                + "ECU 101, ECU 102; not ours: <email>, <email>, <email>"));
        assertThat(logs.lines()).anyMatch(line -> line.startsWith("WARN") && line.contains("ECU 101, ECU 102"));
    }

    @Test
    void keepsAddressesOutOfTheRetryLinesOfA5xx() {
        braze.stubFor(post(PATH).willReturn(aResponse().withStatus(503)
                .withBody("{\"message\":\"overloaded while sending to user9002@example.com\"}")));

        SendOutcome outcome = sendToTwo();

        assertThat(outcome).isEqualTo(new SendOutcome.Failed(true, 503,
                "Braze answered 503: overloaded while sending to ECU 102"));
        assertThat(logs.lines()).filteredOn(line -> line.startsWith("DEBUG") && line.contains("retrying")).hasSize(2)
                .allMatch(line -> line.contains("ECU 102"));
    }

    @Test
    void cutsALongBodyOnlyAfterRemovingAddressesSoThatNoPieceOfOneIsLeft() {
        // not JSON: the reason shows the start of the body, and the cut falls inside the second address
        String body = "x".repeat(260) + " user9001@example.com stranger@elsewhere-with-a-long-name.org " + "y".repeat(400);
        braze.stubFor(post(PATH).willReturn(aResponse().withStatus(400).withBody(body)));

        SendOutcome outcome = sendToTwo();

        assertThat(outcome).isInstanceOfSatisfying(SendOutcome.Failed.class, f -> assertThat(f.reason())
                .contains("ECU 101 <email>").doesNotContain("@").doesNotContain("stranger").endsWith("..."));
    }

    @Test
    void keepsAddressesOutOfTheRunErrorEmailAndItsLogLines() {
        braze.stubFor(post(PATH).willReturn(aResponse().withStatus(400)
                .withBody("{\"message\":\"unknown user ops@example.com\"}")));
        Failure failure = new Failure(ENTERPRISE, Optional.of(101L),
                Optional.of(NotificationKind.threshold(75)), FailureKind.SEND_PERMANENT,
                "Braze answered 400: invalid email user9001@example.com");
        RunErrors report = new RunErrors("run-9", TODAY, Shard.ALL, new RunProblems(List.of(failure), List.of(), List.of(),
                0, Optional.empty(), 0, List.of(), List.of()));

        new BrazeErrorReporter(settings(braze.baseUrl()).runErrorsCampaign(CAMPAIGN_ERRORS)
                .errorRecipients(List.of("42")).build()).report(report);

        assertThat(braze.getAllServeEvents()).singleElement().satisfies(e -> {
            String payload = e.getRequest().getBodyAsString();
            assertThat(payload).contains("Braze answered 400: invalid email <email>");
            assertThat(AT.matcher(payload).find()).as("an address in %s", payload).isFalse();
        });
        assertThat(logs.lines()).anyMatch(line -> line.startsWith("WARN") && line.contains("unknown user <email>"));
    }
}
