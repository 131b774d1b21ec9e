package io.licensenotify.cli.wiring;

import io.licensenotify.adapter.braze.BrazeSettings;
import jakarta.inject.Inject;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * {@code check}: the Braze REST host answers over HTTP. Braze has no endpoint that proves the API key without
 * sending or needing another permission, so the key is not sent and the probe says so.
 */
final class BrazeProbe implements Probe {
    private final BrazeSettings settings;

    @Inject
    BrazeProbe(BrazeSettings settings) {
        this.settings = settings;
    }

    @Override
    public String name() {
        return "braze";
    }

    @Override
    public String probe() throws Exception {
        URI url = settings.apiUrl();
        HttpClient client = HttpClient.newBuilder().connectTimeout(settings.connectTimeout()).build();
        HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10)).GET().build();
        int status;
        try {
            status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new IOException("no answer from " + url.getHost() + (url.getPort() > 0 ? ":" + url.getPort() : "")
                    + " (" + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", e);
        }
        return url.getHost() + " answered HTTP " + status + " (the API key is checked by the first send)";
    }
}
