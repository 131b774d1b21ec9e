package io.licensenotify.standin;

import com.fasterxml.jackson.core.JsonProcessingException;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a stand-in answers, and how: at once, {@link #late} (nothing at all until then: longer than the client's read
 * timeout, it is a read timeout), or {@link #trickling} (the status line and headers at once, then the body a piece
 * at a time: every read gets data, only a deadline on the whole call ends it).
 *
 * @param status        the HTTP status
 * @param headers       response headers besides {@code Content-Type: application/json}
 * @param body          the body's bytes
 * @param delayMillis   how long before anything is sent
 * @param trickleMillis over how long the body is sent; 0 sends it at once
 * @param trickleChunks in how many pieces (at most one byte each)
 */
public record Answer(int status, Map<String, String> headers, byte[] body, int delayMillis, int trickleMillis,
                     int trickleChunks) {
    public Answer {
        headers = Map.copyOf(headers);
        body = body.clone();
    }

    public static Answer json(int status, String body) {
        return new Answer(status, Map.of(), body.getBytes(StandardCharsets.UTF_8), 0, 0, 0);
    }

    /** {@code body} written as JSON. */
    public static Answer json(int status, Object body) {
        try {
            return new Answer(status, Map.of(), Received.JSON.writeValueAsBytes(body), 0, 0, 0);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not writable as JSON: " + body, e);
        }
    }

    /** A status with a message saying it was scripted. */
    public static Answer status(int status) {
        return json(status, "{\"message\":\"scripted " + status + "\"}");
    }

    public Answer withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new Answer(status, more, body, delayMillis, trickleMillis, trickleChunks);
    }

    public Answer withBody(String text) {
        return new Answer(status, headers, text.getBytes(StandardCharsets.UTF_8), delayMillis, trickleMillis, trickleChunks);
    }

    /** This answer, after {@code millis} of silence. */
    public Answer late(int millis) {
        return new Answer(status, headers, body, millis, trickleMillis, trickleChunks);
    }

    /** This answer's body sent over {@code millis}, in pieces a quarter of a second apart. */
    public Answer trickling(int millis) {
        return trickling(Math.max(2, millis / 250), millis);
    }

    /** This answer's body sent over {@code millis} in {@code chunks} pieces (at most one a byte). */
    public Answer trickling(int chunks, int millis) {
        return new Answer(status, headers, body, delayMillis, millis, chunks);
    }

    /** A 2xx: the server took the request on. */
    public boolean accepted() {
        return status >= 200 && status < 300;
    }
}
