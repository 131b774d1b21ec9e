package io.licensenotify.cli.process;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A WireMock transformer that records every request the moment it arrives (before any delay or fault, so a
 * request whose client was killed while waiting still counts as received, as it would at Braze) and answers it by
 * the first matching fault rule, else by the stand-in's normal answer.
 */
final class Script implements ResponseDefinitionTransformerV2 {
    private final String name;
    private final Function<Request, ResponseDefinition> normal;
    private final List<LoggedRequest> received = new CopyOnWriteArrayList<>();
    private final List<LoggedRequest> accepted = new CopyOnWriteArrayList<>();
    private final List<Rule> rules = new CopyOnWriteArrayList<>();
    private final AtomicInteger faultsServed = new AtomicInteger();

    Script(String name, Function<Request, ResponseDefinition> normal) {
        this.name = name;
        this.normal = normal;
    }

    /** Answers requests matching {@code when} with {@code answer}, {@code times} times (negative: always). */
    void fault(Predicate<Request> when, int times, Function<Request, ResponseDefinition> answer) {
        rules.add(new Rule(when, new AtomicInteger(times), answer));
    }

    /** Every fault rule gone: the stand-in answers normally again. */
    void heal() {
        rules.clear();
    }

    List<LoggedRequest> received() {
        return List.copyOf(received);
    }

    /**
     * The requests not turned away: answered 2xx (however late: a client that gave up does not undo a send) or
     * cut by a connection fault (the server may have acted on them). A 4xx/5xx answer means nothing was done.
     */
    List<LoggedRequest> accepted() {
        return List.copyOf(accepted);
    }

    void forget() {
        received.clear();
        accepted.clear();
    }

    /** How many answers were faults, over the stand-in's life. */
    int faultsServed() {
        return faultsServed.get();
    }

    @Override
    public ResponseDefinition transform(ServeEvent event) {
        LoggedRequest request = event.getRequest();
        received.add(request);
        ResponseDefinition answer = null;
        for (Rule rule : rules) {
            if (rule.when.test(request) && rule.take()) {
                faultsServed.incrementAndGet();
                answer = rule.answer.apply(request);
                break;
            }
        }
        if (answer == null) answer = normal.apply(request);
        if (answer.getFault() != null || (answer.getStatus() >= 200 && answer.getStatus() < 300)) accepted.add(request);
        return answer;
    }

    @Override
    public boolean applyGlobally() {
        return true;
    }

    @Override
    public String getName() {
        return name;
    }

    static ResponseDefinition json(int status, String body) {
        return ResponseDefinitionBuilder.responseDefinition().withStatus(status)
                .withHeader("Content-Type", "application/json").withBody(body.getBytes(StandardCharsets.UTF_8)).build();
    }

    static ResponseDefinition status(int status) {
        return json(status, "{\"message\":\"scripted " + status + "\"}");
    }

    static ResponseDefinition withHeader(ResponseDefinition answer, String name, String value) {
        return ResponseDefinitionBuilder.like(answer).withHeader(name, value).build();
    }

    /** Answers only after {@code millis}: longer than the client's read timeout, it is a read timeout. */
    static ResponseDefinition late(ResponseDefinition answer, int millis) {
        return ResponseDefinitionBuilder.like(answer).withFixedDelay(millis).build();
    }

    /** Sends the status line and headers at once, then the body a few bytes at a time over {@code millis}. */
    static ResponseDefinition trickling(ResponseDefinition answer, int millis) {
        return ResponseDefinitionBuilder.like(answer).withChunkedDribbleDelay(Math.max(2, millis / 250), millis).build();
    }

    static ResponseDefinition fault(Fault fault) {
        return ResponseDefinitionBuilder.responseDefinition().withFault(fault).build();
    }

    private record Rule(Predicate<Request> when, AtomicInteger remaining, Function<Request, ResponseDefinition> answer) {
        boolean take() {
            if (remaining.get() < 0) return true;
            return remaining.getAndUpdate(n -> n > 0 ? n - 1 : n) > 0;
        }
    }
}
