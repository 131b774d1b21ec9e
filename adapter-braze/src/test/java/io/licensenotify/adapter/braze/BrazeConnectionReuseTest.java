package io.licensenotify.adapter.braze;

import io.licensenotify.ports.out.SendOutcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

import static io.licensenotify.adapter.braze.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A server (or a proxy in front of Braze) that speaks HTTP/1.0 and closes the connection after each answer without
 * saying {@code Connection: close}: a client that pooled the connection would write the next request on a socket the
 * server has closed, get no answer, and record a delivery whose fate is unknown. Every request here goes out on a
 * connection of its own and is answered.
 */
class BrazeConnectionReuseTest {
    private ServerSocket server;
    private Thread serving;
    private final AtomicInteger answered = new AtomicInteger();
    private final AtomicInteger connections = new AtomicInteger();

    @BeforeEach
    void startHttp10Server() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        serving = new Thread(() -> {
            while (!server.isClosed()) {
                try (Socket socket = server.accept()) {
                    connections.incrementAndGet();
                    answerOnceAndClose(socket);
                } catch (IOException closedOrGone) {
                    // the test is over, or the client went away
                }
            }
        }, "http10-braze");
        serving.setDaemon(true);
        serving.start();
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
    }

    private void answerOnceAndClose(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) return;
            head.write(b);
        }
        int length = 0;
        for (String line : head.toString(StandardCharsets.ISO_8859_1).split("\r\n"))
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:"))
                length = Integer.parseInt(line.substring("content-length:".length()).trim());
        in.readNBytes(length);
        byte[] body = ("{\"dispatch_id\":\"d-" + answered.incrementAndGet() + "\",\"message\":\"success\"}")
                .getBytes(StandardCharsets.UTF_8);
        OutputStream out = socket.getOutputStream();
        out.write(("HTTP/1.0 201 Created\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();
        // HTTP/1.0 without keep-alive: the connection ends with the answer
    }

    @Test
    void everyRequestToAnHttp10ServerThatClosesAfterEachAnswerIsSent() {
        BrazeMessenger messenger = new BrazeMessenger(settings("http://127.0.0.1:" + server.getLocalPort()).build());
        List<SendOutcome> outcomes = new ArrayList<>();

        for (int i = 0; i < 5; i++) outcomes.add(messenger.send(threshold75(List.of(admin(100 + i, 9000 + i)))));

        assertThat(outcomes).allSatisfy(o -> assertThat(o).isInstanceOf(SendOutcome.Sent.class));
        assertThat(answered).hasValue(5);
        assertThat(connections).as("one connection per request").hasValue(5);
        assertThat(messenger.requestsMade()).isEqualTo(5);
    }
}
