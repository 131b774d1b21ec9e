package io.licensenotify.cli;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class SendObserverTest {
    @Test
    void logsProgressEveryTenthOfTheEnterprises() {
        AtomicLong now = new AtomicLong();
        SendObserver observer = new SendObserver(now::get);
        observer.started(100);
        for (int done = 1; done <= 100; done++) observer.enterpriseDone(done, 100);
        assertThat(observer.lines()).first().isEqualTo("enterprises to evaluate: 100");
        assertThat(observer.lines()).hasSize(11).contains("enterprises done 10 of 100", "enterprises done 100 of 100");
    }

    @Test
    void logsProgressEveryFiveSecondsOfASlowRun() {
        AtomicLong now = new AtomicLong();
        SendObserver observer = new SendObserver(now::get);
        observer.started(1000);
        observer.enterpriseDone(1, 1000);
        now.addAndGet(SendObserver.EVERY_NANOS);
        observer.enterpriseDone(2, 1000);
        observer.enterpriseDone(3, 1000);
        assertThat(observer.lines()).containsExactly("enterprises to evaluate: 1000", "enterprises done 2 of 1000");
    }
}
