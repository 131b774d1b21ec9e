package io.licensenotify.support;

import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Braze request that now and then got no answer in the benchmark. A server closes a keep-alive
 * connection once it has been idle a while (the JDK's server, the benchmark's stand-in, after 30 s); a client that
 * writes its next request on that connection gets no answer, and the server never saw the request. Played here with a
 * real server that closes idle connections after 0.5 s, and a POST that, like Braze's, is never retried by OkHttp.
 */
class IdleConnectionsTest {
    private static final Duration SERVER_IDLE = Duration.ofMillis(500);

    @Test
    void withOkHttpsOwnPoolARequestOnAConnectionTheServerClosedWhileIdleGetsNoAnswerAndNeverArrives() throws Exception {
        try (ClosingServer server = new ClosingServer(SERVER_IDLE)) {
            OkHttpClient http = HttpCalls.deadlines(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofMinutes(5))
                    .retryOnConnectionFailure(false).build();
            post(http, server);
            Thread.sleep(SERVER_IDLE.multipliedBy(3).toMillis());

            assertThatThrownBy(() -> post(http, server)).isInstanceOf(IOException.class)
                    .hasMessageContaining("unexpected end of stream");
            assertThat(server.requests.get()).as("the server never saw the second request").isEqualTo(1);
        }
    }

    @Test
    void aConnectionIdleLongerThanTheKeepAliveIsNeverReusedSoNoRequestIsLost() throws Exception {
        try (ClosingServer server = new ClosingServer(SERVER_IDLE)) {
            OkHttpClient http = HttpCalls.deadlines(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofMillis(200))
                    .retryOnConnectionFailure(false).build();
            for (int i = 0; i < 3; i++) {
                post(http, server);
                post(http, server); // right after: the same connection, kept alive
                Thread.sleep(SERVER_IDLE.multipliedBy(3).toMillis());
            }

            assertThat(server.requests.get()).isEqualTo(6);
            assertThat(server.connections.get()).as("one connection per burst, reused within it").isEqualTo(3);
        }
    }

    @Test
    void theKeepAliveIsBelowOkHttpsTenSecondsWithoutAHealthCheck() {
        assertThat(HttpCalls.KEEP_ALIVE).isLessThan(Duration.ofSeconds(10));
    }

    private static void post(OkHttpClient http, ClosingServer server) throws IOException {
        Request request = new Request.Builder().url("http://127.0.0.1:" + server.port() + "/send")
                .post(RequestBody.create("{}", MediaType.get("application/json"))).build();
        try (Response response = http.newCall(request).execute()) {
            assertThat(response.code()).isEqualTo(200);
            assertThat(response.body().string()).isEqualTo("{}");
        }
    }

    /** HTTP/1.1 with keep-alive, closing a connection once it has been idle {@code idle}. */
    private static final class ClosingServer implements AutoCloseable {
        final AtomicInteger connections = new AtomicInteger();
        final AtomicInteger requests = new AtomicInteger();
        private final ServerSocket socket;

        ClosingServer(Duration idle) throws IOException {
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread acceptor = new Thread(() -> {
                while (!socket.isClosed()) {
                    try {
                        Socket connection = socket.accept();
                        connections.incrementAndGet();
                        connection.setSoTimeout((int) idle.toMillis());
                        Thread serving = new Thread(() -> serve(connection));
                        serving.setDaemon(true);
                        serving.start();
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        private void serve(Socket connection) {
            try (connection; InputStream in = connection.getInputStream(); OutputStream out = connection.getOutputStream()) {
                while (true) {
                    String head = readHead(in);
                    if (head == null) return; // idle too long, or the client closed it
                    int length = 0;
                    for (String line : head.split("\r\n"))
                        if (line.toLowerCase().startsWith("content-length:")) length = Integer.parseInt(line.substring(15).trim());
                    in.readNBytes(length);
                    requests.incrementAndGet();
                    out.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}"
                            .getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                }
            } catch (IOException e) {
                // the connection ends
            }
        }

        private static String readHead(InputStream in) throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            try {
                int b;
                while ((b = in.read()) >= 0) {
                    head.write(b);
                    if (head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n"))
                        return head.toString(StandardCharsets.US_ASCII);
                }
                return null;
            } catch (SocketTimeoutException idleTooLong) {
                return null;
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
