package io.licensenotify.support;

import feign.Feign;
import feign.Request;
import feign.Retryer;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

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
     * follows no redirect: a redirect would carry the credentials to wherever it points. Its sockets send at once
     * ({@link NoDelaySockets}).
     */
    public static OkHttpClient.Builder deadlines(Duration connect, Duration read) {
        return deadlines(connect, read, KEEP_ALIVE);
    }

    /**
     * How long a connection may wait idle in the pool for the next request. Servers close idle keep-alive
     * connections after a while of their own (the JDK's server after 30 s, load balancers often after 60 s, some
     * after a few seconds); a request written on a connection the server has just closed gets no answer, and for
     * Braze that is a delivery whose fate is unknown. OkHttp checks a pooled connection for a close only once it
     * has been idle 10 s, and keeps one 5 minutes by default, so a server that closes between 0 and 10 s of idleness
     * loses every request that reuses such a connection, and one that closes later races the check. Four seconds
     * keeps below both; a new connection after a pause of four seconds costs one handshake.
     */
    public static final Duration KEEP_ALIVE = Duration.ofSeconds(4);

    /** Idle connections kept per client: enough for every worker (OkHttp's default of 5 closed the rest after use). */
    public static final int MAX_IDLE_CONNECTIONS = 64;

    /** {@link #deadlines(Duration, Duration)} with another {@link #KEEP_ALIVE} (for tests). */
    static OkHttpClient.Builder deadlines(Duration connect, Duration read, Duration keepAlive) {
        return new OkHttpClient.Builder()
                .connectionPool(new ConnectionPool(MAX_IDLE_CONNECTIONS, keepAlive.toMillis(), TimeUnit.MILLISECONDS))
                .socketFactory(new NoDelaySockets())
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
