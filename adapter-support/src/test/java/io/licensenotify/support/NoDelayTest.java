package io.licensenotify.support;

import com.sun.net.httpserver.HttpServer;
import okhttp3.Call;
import okhttp3.Connection;
import okhttp3.EventListener;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A request body that leaves in more than one write (headers, then the body in 8 KiB pieces, as a packed Braze
 * request does) must not wait for the server's acknowledgement of the first piece: with Nagle's algorithm on, each
 * such request waited for the server's delayed ACK, some 40 ms on Linux (BENCHMARKS.md, "Braze requests' own wait").
 * Played with a real server and a POST through the client the adapters build.
 */
class NoDelayTest {
    @Test
    void theSocketOfEveryCallSendsWithoutWaitingForTheServersAcknowledgement() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        try {
            List<Boolean> noDelay = new ArrayList<>();
            OkHttpClient http = HttpCalls.deadlines(Duration.ofSeconds(2), Duration.ofSeconds(2))
                    .eventListener(new EventListener() {
                        @Override
                        public void connectionAcquired(Call call, Connection connection) {
                            try {
                                noDelay.add(connection.socket().getTcpNoDelay());
                            } catch (SocketException e) {
                                throw new IllegalStateException(e);
                            }
                        }
                    }).build();
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/campaigns/trigger/send";
            RequestBody body = RequestBody.create("x".repeat(40_000), MediaType.get("application/json"));
            for (int i = 0; i < 2; i++) {
                try (Response response = http.newCall(new Request.Builder().url(url).post(body).build()).execute()) {
                    assertThat(response.code()).isEqualTo(204);
                }
            }

            assertThat(noDelay).as("TCP_NODELAY of the socket each call used").containsExactly(true, true);
        } finally {
            server.stop(0);
        }
    }
}
