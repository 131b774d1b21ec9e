package io.licensenotify.support;

import feign.Feign;
import feign.Request;
import feign.Retryer;
import okhttp3.OkHttpClient;

import java.net.URI;
import java.time.Duration;

/**
 * HTTP calls to the LMS and Braze: Feign over OkHttp, because OkHttp's call timeout spans the whole call, the
 * response body included (the JDK client's request timeout ends when the headers arrive, so an answer that stalls
 * after them would hold a worker, and its claims, for as long as the server liked).
 */
public final class HttpCalls {
    private HttpCalls() {
    }

    /**
     * An OkHttp client whose call lasts at most {@code connect + read}: connecting within {@code connect}, then
     * writing the request, the status line and the whole body within {@code read} (each read within it too). It
     * follows no redirect: a redirect would carry the credentials to wherever it points.
     */
    public static OkHttpClient.Builder deadlines(Duration connect, Duration read) {
        return new OkHttpClient.Builder()
                .connectTimeout(connect)
                .readTimeout(read)
                .writeTimeout(read)
                .callTimeout(connect.plus(read))
                .followRedirects(false)
                .followSslRedirects(false);
    }

    /**
     * Feign over {@code http}, never retrying by itself (the adapter's {@link Backoff} decides), with the same
     * timeouts as the client: with others, Feign's OkHttp client would copy {@code http} for every request.
     */
    public static Feign.Builder feign(OkHttpClient http, Duration connect, Duration read) {
        return Feign.builder()
                .client(new feign.okhttp.OkHttpClient(http))
                .options(new Request.Options(connect, read, false))
                .retryer(Retryer.NEVER_RETRY);
    }

    /** {@code url} without trailing slashes, so that a path can be appended: {@code https://lms.example.com}. */
    public static URI withoutTrailingSlash(URI url) {
        String s = url.toString();
        return s.endsWith("/") ? URI.create(s.replaceAll("/+$", "")) : url;
    }
}
