package io.licensenotify.domain.violations;

import java.time.Clock;
import java.time.LocalDate;

/** Breaks the clock rule on purpose: the rules take {@code today}; they never read a clock. */
public class DomainReadingTheClock {
    public LocalDate today() {
        return LocalDate.now();
    }

    public Clock clock() {
        return Clock.systemUTC();
    }
}
