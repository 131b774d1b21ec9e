package io.licensenotify.adapter.lms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import feign.Response;
import feign.codec.Decoder;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;
import java.util.Optional;

/**
 * Reads an LMS answer as JSON straight from the connection, counting bytes as they arrive: an answer longer than
 * the limit fails once the limit is passed, so no more than the limit is ever held, whatever the answer declares.
 */
final class LmsDecoder implements Decoder {
    /** An error body is read only for its OAuth2 error code, and only this far. */
    private static final int ERROR_BODY_BYTES = 4096;

    private final ObjectMapper json;
    private final long maxBytes;

    LmsDecoder(ObjectMapper json, long maxBytes) {
        this.json = json;
        this.maxBytes = maxBytes;
    }

    @Override
    public Object decode(Response response, Type type) throws IOException {
        if (response.body() == null) return null;
        Integer declared = response.body().length();
        if (declared != null && declared > maxBytes) throw new PageTooLong(maxBytes);
        try (InputStream in = new Bounded(response.body().asInputStream(), maxBytes)) {
            return json.readValue(in, json.constructType(type));
        }
    }

    /**
     * The {@code error} code of an OAuth2 error answer ({@code invalid_client}, ...), if it has one. Only a code made
     * of lower-case letters and underscores is kept: the rest of the body may echo the request, secret and all.
     */
    Optional<String> oauthError(Response response) {
        if (response.body() == null) return Optional.empty();
        try (InputStream in = response.body().asInputStream()) {
            JsonNode error = json.readTree(in.readNBytes(ERROR_BODY_BYTES)).path("error");
            return error.isTextual() && error.asText().matches("[a-z_]{1,64}") ? Optional.of(error.asText())
                    : Optional.empty();
        } catch (IOException | RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    /** Fails with {@link PageTooLong} on the first byte past the limit. */
    private static final class Bounded extends FilterInputStream {
        private final long maxBytes;
        private long count;

        Bounded(InputStream in, long maxBytes) {
            super(in);
            this.maxBytes = maxBytes;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) counted(1);
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) counted(n);
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            counted(skipped);
            return skipped;
        }

        @Override
        public boolean markSupported() {
            return false; // a reset would count bytes twice
        }

        private void counted(long n) throws PageTooLong {
            count += n;
            if (count > maxBytes) throw new PageTooLong(maxBytes);
        }
    }
}
