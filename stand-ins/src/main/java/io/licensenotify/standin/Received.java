package io.licensenotify.standin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One request as a stand-in received it, the moment it arrived.
 *
 * @param method   {@code GET}, {@code POST}
 * @param path     the raw path, e.g. {@code /campaigns/trigger/send}
 * @param rawQuery the raw query, or null
 * @param headers  by name, in any case
 * @param body     the bytes sent
 * @param json     the body read as JSON once, however many predicates and counts look at it; a missing node when
 *                 the body is no JSON object or array
 */
public record Received(String method, String path, String rawQuery, Map<String, List<String>> headers, byte[] body,
                       JsonNode json) {
    static final ObjectMapper JSON = new ObjectMapper();

    public Received {
        Map<String, List<String>> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> byName.put(name, List.copyOf(values)));
        headers = Collections.unmodifiableMap(byName);
        body = body.clone();
        json = json == null ? MissingNode.getInstance() : json;
    }

    /** The request, its body read as JSON when it is a JSON object or array. */
    public Received(String method, String path, String rawQuery, Map<String, List<String>> headers, byte[] body) {
        this(method, path, rawQuery, headers, body, parse(body));
    }

    /** The path and query, as a server log shows them. */
    public String url() {
        return rawQuery == null ? path : path + "?" + rawQuery;
    }

    /** The first value of a header, or null. */
    public String header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** The first value of a query parameter, decoded, or null. */
    public String param(String name) {
        return query().get(name);
    }

    /** The query parameters, decoded, the first value of each. */
    public Map<String, String> query() {
        return form(rawQuery);
    }

    public String bodyAsString() {
        return new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return method + " " + url();
    }

    private static JsonNode parse(byte[] body) {
        String start = new String(body, 0, Math.min(body.length, 64), StandardCharsets.UTF_8).stripLeading();
        if (!start.startsWith("{") && !start.startsWith("[")) return MissingNode.getInstance();
        try {
            return JSON.readTree(body);
        } catch (IOException notJson) {
            return MissingNode.getInstance();
        }
    }

    /** {@code a=1&b=x%20y} as a map, the first value of each name (a form body or a query). */
    static Map<String, String> form(String encoded) {
        Map<String, String> values = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) return values;
        for (String pair : encoded.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            values.putIfAbsent(key, URLDecoder.decode(eq < 0 ? "" : pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return values;
    }
}
