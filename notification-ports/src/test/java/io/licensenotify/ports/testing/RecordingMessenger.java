package io.licensenotify.ports.testing;

import io.licensenotify.domain.NotificationKind;
import io.licensenotify.ports.out.Message;
import io.licensenotify.ports.out.Messenger;
import io.licensenotify.ports.out.SendOutcome;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/** Records every message; outcomes can be scripted per enterprise (a message packing it meets the script). */
public final class RecordingMessenger implements Messenger {
    private final List<Message> sent = new CopyOnWriteArrayList<>();
    private final Map<UUID, Function<Message, SendOutcome>> scripted = new ConcurrentHashMap<>();
    private final AtomicLong requests = new AtomicLong();
    private volatile Runnable beforeEachSend = () -> { };

    /** Makes every message to this enterprise end with {@code outcome} (and not be recorded as sent). */
    public RecordingMessenger answer(UUID enterprise, Function<Message, SendOutcome> outcome) {
        scripted.put(enterprise, outcome);
        return this;
    }

    /** Runs before each send, e.g. to block or to kill the run in a test. */
    public RecordingMessenger beforeEachSend(Runnable action) {
        this.beforeEachSend = action;
        return this;
    }

    /** Messages that got a {@link SendOutcome.Sent}. */
    public List<Message> messages() {
        return List.copyOf(sent);
    }

    /** (kind code, ECU id) of every recipient that was sent to, in order. */
    public List<String> recipients() {
        return sent.stream().flatMap(m -> m.recipients().stream().map(a -> m.kind().code() + ":" + a.ecuId())).toList();
    }

    public long countOf(NotificationKind kind) {
        return sent.stream().filter(m -> m.kind().equals(kind)).mapToLong(m -> m.recipients().size()).sum();
    }

    @Override
    public SendOutcome send(Message message) {
        if (message.recipients().size() > Message.MAX_RECIPIENTS)
            throw new IllegalArgumentException("more than " + Message.MAX_RECIPIENTS + " recipients");
        requests.incrementAndGet();
        beforeEachSend.run();
        // a packed message meets the script of any of its enterprises
        Function<Message, SendOutcome> script = message.enterprises().stream().map(e -> scripted.get(e.uuid()))
                .filter(java.util.Objects::nonNull).findFirst().orElse(null);
        SendOutcome outcome = script == null ? new SendOutcome.Sent("dispatch-" + requests.get()) : script.apply(message);
        if (outcome instanceof SendOutcome.Sent) sent.add(message);
        return outcome;
    }

    @Override
    public long requestsMade() {
        return requests.get();
    }
}
