package io.licensenotify.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A loopback stand-in for Braze's {@code POST /campaigns/trigger/send}: checks the Bearer key, records each
 * request body and answers 201 {@code {"dispatch_id": ..., "message": "success"}} as Braze does.
 */
public final class BrazeStandIn implements AutoCloseable {
    static final String SEND_PATH = "/campaigns/trigger/send";

    private final String apiKey;
    private final List<JsonNode> received = new ArrayList<>();
    private final HttpServer server;

    private BrazeStandIn(String apiKey) throws IOException {
        this.apiKey = apiKey;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext(SEND_PATH, this::send);
        server.start();
    }

    /** Starts on a free loopback port. */
    public static BrazeStandIn start(String apiKey) throws IOException {
        return new BrazeStandIn(apiKey);
    }

    public URI baseUrl() {
        return URI.create("http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort());
    }

    /** The bodies received since the last call, oldest first. */
    public synchronized List<JsonNode> takeReceived() {
        List<JsonNode> taken = List.copyOf(received);
        received.clear();
        return taken;
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void send(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                StandIn.respond(exchange, 405, Map.of("message", "method not allowed"));
                return;
            }
            if (!("Bearer " + apiKey).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                // never echo the key that was sent: it may be a real one sent to the wrong place
                StandIn.respond(exchange, 401, Map.of("message", "Invalid API key"));
                return;
            }
            JsonNode body;
            try {
                body = StandIn.JSON.readTree(exchange.getRequestBody());
            } catch (IOException e) {
                StandIn.respond(exchange, 400, Map.of("message", "Invalid JSON"));
                return;
            }
            if (body == null || !body.hasNonNull("campaign_id")) {
                StandIn.respond(exchange, 400, Map.of("message", "Invalid Campaign ID"));
                return;
            }
            if (body.path("recipients").size() > 50) {
                StandIn.respond(exchange, 400, Map.of("message", "The max number of external_ids and aliases per request was exceeded"));
                return;
            }
            synchronized (this) {
                received.add(body);
            }
            exchange.getResponseHeaders().set("X-RateLimit-Limit", "250000");
            exchange.getResponseHeaders().set("X-RateLimit-Remaining", "249999");
            exchange.getResponseHeaders().set("X-RateLimit-Reset", Long.toString(java.time.Instant.now().getEpochSecond() + 3600));
            StandIn.respond(exchange, 201, Map.of("dispatch_id", UUID.randomUUID().toString().replace("-", ""),
                    "message", "success"));
        }
    }
}
