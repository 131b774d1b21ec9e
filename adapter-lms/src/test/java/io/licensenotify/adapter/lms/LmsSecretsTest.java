package io.licensenotify.adapter.lms;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.licensenotify.ports.out.AdminLookupException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.serverError;
import static com.github.tomakehurst.wiremock.client.WireMock.unauthorized;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.licensenotify.adapter.lms.Lms.ENTERPRISE;
import static io.licensenotify.adapter.lms.Lms.LEARNERS;
import static io.licensenotify.adapter.lms.Lms.OTHER_TOKEN;
import static io.licensenotify.adapter.lms.Lms.SECRET;
import static io.licensenotify.adapter.lms.Lms.TOKEN;
import static io.licensenotify.adapter.lms.Lms.admin;
import static io.licensenotify.adapter.lms.Lms.firstPage;
import static io.licensenotify.adapter.lms.Lms.pageJson;
import static io.licensenotify.adapter.lms.Lms.token;
import static io.licensenotify.adapter.lms.Lms.tokenRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The client secret, the tokens and admins' emails stay out of exception messages and log lines. */
class LmsSecretsTest {
    @RegisterExtension
    static WireMockExtension lms = Lms.server();

    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private Level rootLevel;
    private final List<Throwable> failures = new ArrayList<>();

    @BeforeEach
    void captureEverythingFromDebugUp() {
        rootLevel = root.getLevel();
        root.setLevel(Level.DEBUG);
        logs.start();
        root.addAppender(logs);
    }

    @AfterEach
    void stopCapturing() {
        root.detachAppender(logs);
        root.setLevel(rootLevel);
    }

    @Test
    void noSecretTokenOrEmailInAnyExceptionMessageOrLogLine() {
        // a token, a refusal, renewal, retries and a success
        lms.stubFor(tokenRequest().inScenario("tokens").whenScenarioStateIs(STARTED)
                .willReturn(token(TOKEN, 3600)).willSetStateTo("second"));
        lms.stubFor(tokenRequest().inScenario("tokens").whenScenarioStateIs("second")
                .willReturn(token(OTHER_TOKEN, 3600)));
        lms.stubFor(firstPage(ENTERPRISE, TOKEN).willReturn(unauthorized()));
        lms.stubFor(firstPage(ENTERPRISE, OTHER_TOKEN).inScenario("flaky").whenScenarioStateIs(STARTED)
                .willReturn(serverError()).willSetStateTo("up"));
        lms.stubFor(firstPage(ENTERPRISE, OTHER_TOKEN).inScenario("flaky").whenScenarioStateIs("up")
                .willReturn(okJson(pageJson(null, admin(11, 101)))));
        LmsSettings settings = Lms.settings(lms).build();
        assertThat(new LmsAdmins(settings).of(ENTERPRISE).admins()).hasSize(1);

        // failures whose answers echo the secret, a token or an email, as some servers do
        lms.resetAll();
        lms.stubFor(tokenRequest().willReturn(aResponse().withStatus(401)
                .withBody("{\"error\":\"invalid client secret " + SECRET + "\"}")));
        fail(new LmsAdmins(settings));

        lms.resetAll();
        lms.stubFor(tokenRequest().willReturn(okJson("{\"access_token\": " + TOKEN + "\", \"expires_in\": 3600}")));
        fail(new LmsAdmins(settings));

        lms.resetAll();
        Lms.stubToken(lms);
        lms.stubFor(get(urlPathEqualTo(LEARNERS)).willReturn(aResponse().withStatus(500)
                .withBody("Traceback: token " + TOKEN + " for user101@example.com")));
        fail(new LmsAdmins(settings));

        lms.resetAll();
        Lms.stubToken(lms);
        lms.stubFor(get(urlPathEqualTo(LEARNERS)).willReturn(okJson("{\"results\":[{\"id\":11,\"user\":"
                + "{\"email\":user101@example.com}}]}")));
        fail(new LmsAdmins(settings));

        lms.resetAll();
        Lms.stubToken(lms);
        lms.stubFor(get(urlPathEqualTo(LEARNERS)).willReturn(okJson(pageJson(null, admin(11, 101)))
                .withFixedDelay(1000)));
        fail(new LmsAdmins(Lms.settings(lms).maxAttempts(2).readTimeout(java.time.Duration.ofMillis(100)).build()));

        List<String> texts = new ArrayList<>();
        failures.forEach(failure -> chain(failure).forEach(t -> texts.add(t.getClass().getName() + ": " + t.getMessage())));
        texts.add(settings.toString());
        logs.list.forEach(event -> {
            texts.add(event.getFormattedMessage());
            for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause())
                texts.add(t.getClassName() + ": " + t.getMessage());
        });

        assertThat(failures).hasSize(5);
        assertThat(logs.list).as("the adapter logs at all")
                .anyMatch(event -> event.getLoggerName().startsWith("io.licensenotify.adapter.lms"));
        // any part of a token, and the local part of the email, since parsers quote text up to a '.' or '@'
        List<String> leaks = new ArrayList<>(List.of(SECRET, "user101"));
        leaks.addAll(List.of(TOKEN.split("\\.")));
        leaks.addAll(List.of(OTHER_TOKEN.split("\\.")));
        assertThat(texts).allSatisfy(text -> assertThat(text).doesNotContain(leaks));
    }

    @Test
    void settingsPrintWithoutTheSecret() {
        LmsSettings settings = LmsSettings.of(URI.create("https://lms.example.com/"), "client", SECRET);

        assertThat(settings.toString()).doesNotContain(SECRET).contains("clientSecret=****").contains("client");
    }

    private void fail(LmsAdmins admins) {
        AdminLookupException e = catchThrowableOfType(AdminLookupException.class, () -> admins.of(ENTERPRISE).admins());
        assertThat(e).as("an AdminLookupException").isNotNull();
        failures.add(e);
    }

    private static Stream<Throwable> chain(Throwable failure) {
        List<Throwable> all = new ArrayList<>();
        for (Throwable t = failure; t != null && !all.contains(t); t = t.getCause()) {
            all.add(t);
            all.addAll(List.of(t.getSuppressed()));
        }
        return all.stream();
    }
}
