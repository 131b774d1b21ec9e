package io.licensenotify.standin;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A server on a free loopback port (the JDK's HTTP server) that plays one of the systems the product calls. It
 * records every request the moment it arrives (before any latency or fault, so a request whose client gave up still
 * counts as received, as it would at Braze), and answers the simulated {@link #latency} after that moment, by the
 * first matching {@link #fault} rule, else as the system would ({@link #answer}). A thread per request in flight:
 * requests never queue, and the stand-in's own work (handing the request to that thread, waking it, making the
 * answer) happens within the latency, not on top of it, so the latency is what a client waits for.
 */
public abstract class StandIn implements AutoCloseable {
    static {
        // Without TCP_NODELAY the JDK server's separate header and body writes meet the client's delayed ACK:
        // about 40 ms added to every request on a kept-alive connection, which would swamp a simulated latency.
        // Read once, when the JDK's server configuration loads, so it is set before the first server is created.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final HttpServer server;
    private final ExecutorService threads;
    private final List<Rule> rules = new CopyOnWriteArrayList<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<Received> accepted = new CopyOnWriteArrayList<>();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicInteger faultsServed = new AtomicInteger();
    private volatile int latencyMillis;
    private volatile boolean recording = true;

    /** @param name names the threads that answer */
    protected StandIn(String name) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
        } catch (IOException e) {
            throw new IllegalStateException("no loopback port for the " + name + " stand-in", e);
        }
        AtomicInteger n = new AtomicInteger();
        threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(null); // requests are read on the server's own thread: see handle
        server.createContext("/", this::handle);
        server.start();
    }

    /** The answer the real system would give. */
    protected abstract Answer answer(Received request);

    /** Called for every request as it arrives, whether it is recorded or not. */
    protected void arrived(Received request) {
    }

    /** Called for every request answered 2xx, whether it is recorded or not. */
    protected void acceptedRequest(Received request) {
    }

    /** {@code http://127.0.0.1:<port>}. */
    public URI baseUrl() {
        return URI.create("http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort());
    }

    /** Every request waits this long before its answer, as over a network to a busy server. */
    public void latency(int millis) {
        latencyMillis = millis;
    }

    /**
     * Keeps every request (the default), or only counts them: a benchmark of 100,000 enterprises would otherwise
     * hold every body it received.
     */
    public void recording(boolean keep) {
        recording = keep;
    }

    /** Answers requests matching {@code when} with {@code answer}, {@code times} times (negative: always). */
    public void fault(Predicate<Received> when, int times, Function<Received, Answer> answer) {
        rules.add(new Rule(when, new AtomicInteger(times), answer));
    }

    /** Every fault rule gone: the stand-in answers normally again. */
    public void heal() {
        rules.clear();
    }

    /** How many answers were faults, over the stand-in's life. */
    public int faultsServed() {
        return faultsServed.get();
    }

    /** Every request recorded, in order of arrival, whatever the answer. */
    public List<Received> received() {
        return List.copyOf(received);
    }

    /**
     * The requests recorded and not turned away: answered 2xx, however late (a client that gave up does not undo a
     * send). A 4xx or 5xx answer means the server did nothing.
     */
    public List<Received> accepted() {
        return List.copyOf(accepted);
    }

    /** Forgets the requests received so far, and their counts; the faults served stay counted. */
    public void forget() {
        received.clear();
        accepted.clear();
        requests.set(0);
        refused.set(0);
        forgetCounts();
    }

    /** Called by {@link #forget()}: a stand-in's own counts start again. */
    protected void forgetCounts() {
    }

    /** Requests received since the last {@link #forget()}, recorded or not. */
    public long requestCount() {
        return requests.get();
    }

    /** Requests answered with an error (not 2xx) since the last {@link #forget()}. */
    public long refusedCount() {
        return refused.get();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }

    /**
     * On the server's own thread, as the request arrives: read and record it, then hand it to a thread of its own,
     * which answers {@link #latency} after the arrival. The latency runs from the arrival, so the hand-over and the
     * waking of that thread take place within it instead of adding to it, as a real server's own work would.
     */
    private void handle(HttpExchange exchange) {
        long arrived = System.nanoTime();
        Received request;
        try {
            request = new Received(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders(),
                    exchange.getRequestBody().readAllBytes());
        } catch (IOException | RuntimeException clientGone) {
            exchange.close();
            return;
        }
        requests.incrementAndGet();
        arrived(request);
        if (recording) received.add(request);
        try {
            threads.execute(() -> answer(exchange, request, arrived + TimeUnit.MILLISECONDS.toNanos(latencyMillis)));
        } catch (RejectedExecutionException closing) {
            exchange.close();
        }
    }

    private void answer(HttpExchange exchange, Received request, long dueNanos) {
        try (exchange) {
            if (!pauseUntil(dueNanos)) return;
            Answer answer = scripted(request);
            if (answer.accepted()) {
                acceptedRequest(request);
                if (recording) accepted.add(request);
            } else {
                refused.incrementAndGet();
            }
            write(exchange, answer);
        } catch (IOException | RuntimeException clientGone) {
            // the client gave up (its deadline), or the stand-in is closing: nobody is left to answer
        }
    }

    private Answer scripted(Received request) {
        for (Rule rule : rules) {
            if (rule.when.test(request) && rule.take()) {
                faultsServed.incrementAndGet();
                return rule.answer.apply(request);
            }
        }
        return answer(request);
    }

    private static void write(HttpExchange exchange, Answer answer) throws IOException {
        if (!pause(answer.delayMillis())) return;
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        answer.headers().forEach(exchange.getResponseHeaders()::set);
        byte[] body = answer.body();
        if (answer.trickleMillis() <= 0 || body.length == 0) {
            exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
            return;
        }
        exchange.sendResponseHeaders(answer.status(), 0); // chunked: the status line leaves now
        int chunks = Math.max(1, Math.min(answer.trickleChunks(), body.length));
        long pauseMillis = answer.trickleMillis() / chunks;
        try (OutputStream out = exchange.getResponseBody()) {
            for (int i = 0; i < chunks; i++) {
                int from = (int) ((long) body.length * i / chunks);
                int to = (int) ((long) body.length * (i + 1) / chunks);
                out.write(Arrays.copyOfRange(body, from, to));
                out.flush();
                if (i < chunks - 1 && !pause(pauseMillis)) return;
            }
        }
    }

    /**
     * Waits until {@link System#nanoTime()} reaches {@code dueNanos}; false when interrupted (closing). Parked to the
     * nanosecond, where {@link Thread#sleep(long, int)} would round to whole milliseconds.
     */
    private static boolean pauseUntil(long dueNanos) {
        for (long left = dueNanos - System.nanoTime(); left > 0; left = dueNanos - System.nanoTime()) {
            LockSupport.parkNanos(left);
            if (Thread.currentThread().isInterrupted()) return false;
        }
        return true;
    }

    /** False when interrupted: the stand-in is closing. */
    private static boolean pause(long millis) {
        if (millis <= 0) return true;
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private record Rule(Predicate<Received> when, AtomicInteger remaining, Function<Received, Answer> answer) {
        boolean take() {
            if (remaining.get() < 0) return true;
            return remaining.getAndUpdate(n -> n > 0 ? n - 1 : n) > 0;
        }
    }
}
