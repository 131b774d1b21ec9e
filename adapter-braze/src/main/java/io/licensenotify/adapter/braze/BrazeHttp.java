package io.licensenotify.adapter.braze;

import io.licensenotify.support.HttpCalls;
import okhttp3.Connection;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;
import okio.ForwardingSource;
import okio.Okio;

import java.io.IOException;
import java.net.Socket;
import java.util.List;
import java.util.function.Supplier;

/**
 * The HTTP client under Feign: {@link HttpCalls#deadlines} (a call lasts at most {@code connectTimeout + readTimeout},
 * body included; no redirect), and more for Braze:
 * <ul>
 *   <li>OkHttp sends nothing on its own: no retry after a connection failure (it would resend a request Braze may
 *       have processed), no redirect, and never a second request within one call (OkHttp resends after
 *       "503, Retry-After: 0" whatever else is set). Every request is one attempt of {@link BrazeClient}: after a
 *       permit of the rate limiter, counted, under its retry policy.</li>
 *   <li>HTTP/1.1 only: one request per connection at a time, so a broken connection leaves one request uncertain,
 *       not every stream of a shared HTTP/2 connection.</li>
 * </ul>
 */
final class BrazeHttp {
    private BrazeHttp() {
    }

    static OkHttpClient client(BrazeSettings settings) {
        return HttpCalls.deadlines(settings.connectTimeout(), settings.readTimeout())
                .retryOnConnectionFailure(false)
                .protocols(List.of(Protocol.HTTP_1_1))
                .addNetworkInterceptor(Progress::intercept)
                .build();
    }

    /**
     * How far one request got, as OkHttp saw it: whether its first byte may have left, and the status line if one
     * came. It tells "never sent" (safe to try again) from "sent, no answer" (Braze may have sent the email).
     */
    static final class Progress {
        private static final ThreadLocal<Progress> CURRENT = new ThreadLocal<>();

        private volatile boolean requestStarted;
        private volatile int status;
        private volatile String contentType;

        /** Runs a synchronous Feign call, which OkHttp executes on this thread, watched by this progress. */
        <T> T watch(Supplier<T> call) {
            CURRENT.set(this);
            try {
                return call.get();
            } finally {
                CURRENT.remove();
            }
        }

        /** False only when no byte of the request was written: Braze cannot have seen it. */
        boolean requestStarted() {
            return requestStarted;
        }

        /** The status line's code; 0 when none arrived. */
        int status() {
            return status;
        }

        /** The answer's Content-Type; null when none came. */
        String contentType() {
            return contentType;
        }

        /** The status line said 2xx, from Braze or from whatever answered in its place. */
        boolean accepted() {
            return status >= 200 && status < 300;
        }

        /** A network interceptor: OkHttp calls it once connected, just before the request is written. */
        private static Response intercept(Interceptor.Chain chain) throws IOException {
            Progress progress = CURRENT.get();
            // fail safe: a request nobody watches, or a second one within a call, never leaves
            if (progress == null) throw new IOException("not sent: a Braze request outside an attempt");
            if (progress.requestStarted)
                throw new IOException("not sent again: the HTTP client wanted to resend the request on its own");
            progress.requestStarted = true;
            Response response = chain.proceed(chain.request());
            progress.status = response.code();
            progress.contentType = response.header("Content-Type");
            return closingAfterTheAnswer(response, chain.connection());
        }

        /**
         * An HTTP/1.0 answer without {@code Connection: keep-alive} ends its connection: the server closes it after
         * the answer, whether or not it says {@code Connection: close} (some proxies do not). OkHttp would pool it
         * all the same and write the next request on a socket the server has closed, leaving that delivery
         * uncertain; closing the socket once the body is read makes the pool drop it, so the next request gets a
         * connection of its own.
         */
        static Response closingAfterTheAnswer(Response response, Connection connection) {
            boolean keptAlive = response.protocol() != Protocol.HTTP_1_0
                    || "keep-alive".equalsIgnoreCase(response.header("Connection"));
            if (keptAlive || connection == null || response.body() == null) return response;
            Socket socket = connection.socket();
            ResponseBody body = response.body();
            BufferedSource closing = Okio.buffer(new ForwardingSource(body.source()) {
                @Override
                public void close() throws IOException {
                    try {
                        super.close();
                    } finally {
                        socket.close();
                    }
                }
            });
            return response.newBuilder().body(ResponseBody.create(closing, body.contentType(), body.contentLength()))
                    .build();
        }
    }
}
