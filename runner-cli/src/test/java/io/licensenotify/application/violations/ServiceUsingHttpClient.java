package io.licensenotify.application.violations;

import java.net.http.HttpClient;

/** Breaks the ports rule on purpose: the service reaches the world through ports only. */
public class ServiceUsingHttpClient {
    public HttpClient client() {
        return HttpClient.newHttpClient();
    }
}
