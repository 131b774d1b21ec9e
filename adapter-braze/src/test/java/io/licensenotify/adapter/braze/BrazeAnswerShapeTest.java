package io.licensenotify.adapter.braze;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.licensenotify.ports.out.SendOutcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.licensenotify.adapter.braze.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who answered (docs/operating.md "What Braze's answers become"): a 2xx is Braze's acceptance only with Braze's body; a
 * proxy's page answering 200 proves nothing was sent, nor that nothing was. A 502 or 504 comes from a gateway that
 * may have passed the request on: unknown, unless Braze's own JSON error says it refused.
 */
class BrazeAnswerShapeTest {
    @RegisterExtension
    static WireMockExtension braze = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static void answer(int status, String contentType, String body) {
        braze.stubFor(post(PATH).willReturn(aResponse().withStatus(status).withHeader("Content-Type", contentType)
                .withBody(body)));
    }

    private static SendOutcome sendOne() {
        return new BrazeMessenger(settings(braze.baseUrl()).build()).send(threshold75(List.of(admin(101, 9001))));
    }

    @Test
    void a200WithAProxysHtmlPageIsUncertainNotSentAndIsNotRetried() {
        answer(200, "text/html", "<html><body>Welcome to the captive portal</body></html>");

        SendOutcome outcome = sendOne();

        assertThat(outcome).isInstanceOf(SendOutcome.OutcomeUnknown.class);
        assertThat(((SendOutcome.OutcomeUnknown) outcome).reason()).contains("200", "not Braze's answer", "text/html");
        assertThat(braze.getAllServeEvents()).hasSize(1);
    }

    @Test
    void a200WithJsonThatIsNotBrazesSuccessIsUncertain() {
        answer(200, "application/json", "{\"status\":\"ok\"}");

        SendOutcome outcome = sendOne();

        assertThat(outcome).isInstanceOf(SendOutcome.OutcomeUnknown.class);
        assertThat(braze.getAllServeEvents()).hasSize(1);
    }

    @Test
    void brazesSuccessAndQueuedAnswersAreSent() {
        answer(201, "application/json", "{\"dispatch_id\":\"d-1\",\"message\":\"success\"}");
        assertThat(sendOne()).isEqualTo(new SendOutcome.Sent("d-1"));
        braze.resetAll();
        answer(202, "application/json", "{\"message\":\"queued\"}");
        assertThat(sendOne()).as("kept apart from a plain success").isEqualTo(new SendOutcome.Sent("", true));
    }

    @Test
    void aSuccessThatListsErrorsCarriesThemWithoutTheAddressesTheyEcho() {
        answer(201, "application/json", "{\"dispatch_id\":\"d-3\",\"message\":\"success\",\"errors\":"
                + "[\"user9001@example.com is not subscribed\", {\"field\":\"trigger_properties\"}]}");

        SendOutcome outcome = sendOne();

        assertThat(outcome).isInstanceOfSatisfying(SendOutcome.Sent.class, sent -> {
            assertThat(sent.dispatchId()).isEqualTo("d-3");
            assertThat(sent.errors()).containsExactly("ECU 101 is not subscribed", "{\"field\":\"trigger_properties\"}");
            assertThat(sent.errorNaming(101, 9001)).contains("ECU 101 is not subscribed");
            assertThat(sent.errorNaming(102, 9002)).isEmpty();
        });
    }

    @Test
    void aGatewayTimeoutOrBadGatewayWithoutBrazesBodyIsUncertainAndNotRetried() {
        for (int status : new int[] {502, 504}) {
            braze.resetAll();
            answer(status, "text/html", "<html>" + status + " Gateway</html>");

            SendOutcome outcome = sendOne();

            assertThat(outcome).as("%s", status).isInstanceOf(SendOutcome.OutcomeUnknown.class);
            assertThat(((SendOutcome.OutcomeUnknown) outcome).reason()).contains(String.valueOf(status));
            assertThat(braze.getAllServeEvents()).as("%s: not retried", status).hasSize(1);
        }
    }

    @Test
    void a502WithBrazesOwnJsonErrorWasNotProcessedAndIsRetried() {
        answer(502, "application/json", "{\"message\":\"upstream unavailable\",\"errors\":[]}");

        SendOutcome outcome = sendOne();

        assertThat(outcome).isInstanceOf(SendOutcome.Failed.class);
        assertThat(((SendOutcome.Failed) outcome).transientFailure()).isTrue();
        assertThat(braze.getAllServeEvents().size()).as("retried").isGreaterThan(1);
    }
}
