package io.licensenotify.adapter.braze;

import feign.Client;
import feign.Request;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Response;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The HTTP client under Feign: OkHttp, because its call timeout spans the whole call, the response body included
 * (the JDK client's request timeout ends when the headers arrive: a 2xx whose body stalled held a sender, and its
 * claims, for as long as Braze liked).
 * <ul>
 *   <li>A call lasts at most {@code connectTimeout + readTimeout}: connecting, writing, waiting for the status line
 *       and reading the body. Connecting and each read have their own timeouts too.</li>
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

    static Client client(BrazeSettings settings) {
        OkHttpClient http = new OkHttpClient.Builder()
                .connectTimeout(settings.connectTimeout())
                .readTimeout(settings.readTimeout())
                .writeTimeout(settings.readTimeout())
                .callTimeout(settings.connectTimeout().plus(settings.readTimeout()))
                .retryOnConnectionFailure(false)
                .followRedirects(false)
                .followSslRedirects(false)
                .protocols(List.of(Protocol.HTTP_1_1))
                .addNetworkInterceptor(Progress::intercept)
                .build();
        return new feign.okhttp.OkHttpClient(http);
    }

    /** The same timeouts as {@link #client}: Feign's OkHttp client would otherwise copy its client for each request. */
    static Request.Options options(BrazeSettings settings) {
        return new Request.Options(settings.connectTimeout().toMillis(), TimeUnit.MILLISECONDS,
                settings.readTimeout().toMillis(), TimeUnit.MILLISECONDS, false);
    }

    /**
     * How far one request got, as OkHttp saw it: whether its first byte may have left, and the status line if one
     * came. It tells "never sent" (safe to try again) from "sent, no answer" (Braze may have sent the email).
     */
    static final class Progress {
        private static final ThreadLocal<Progress> CURRENT = new ThreadLocal<>();

        private volatile boolean requestStarted;
        private volatile int status;

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

        /** The status line said 2xx: Braze took the request on, whatever became of the body. */
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
            return response;
        }
    }
}
