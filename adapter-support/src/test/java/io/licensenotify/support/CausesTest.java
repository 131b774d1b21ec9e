package io.licensenotify.support;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

class CausesTest {
    @Test
    void findsTheOutermostOfATypeAndTheRoot() {
        SocketTimeoutException timeout = new SocketTimeoutException("read timed out");
        IOException io = new IOException("call failed", timeout);
        RuntimeException wrapped = new IllegalStateException("feign", new UncheckedIOException(io));

        assertThat(Causes.find(wrapped, IOException.class)).containsSame(io);
        assertThat(Causes.find(wrapped, SocketTimeoutException.class)).containsSame(timeout);
        assertThat(Causes.find(wrapped, ArithmeticException.class)).isEmpty();
        assertThat(Causes.root(wrapped)).isSameAs(timeout);
        assertThat(Causes.root(timeout)).isSameAs(timeout);
        assertThat(Causes.chain(wrapped)).hasSize(4);
    }

    @Test
    void aChainThatLoopsEnds() {
        RuntimeException a = new RuntimeException("a");
        RuntimeException b = new RuntimeException("b", a);
        a.initCause(b);

        assertThat(Causes.chain(b)).containsExactly(b, a);
        assertThat(Causes.root(b)).isSameAs(a);
        assertThat(Causes.find(b, IOException.class)).isEmpty();
    }
}
