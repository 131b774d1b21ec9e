package io.licensenotify.domain.violations;

import java.sql.Timestamp;
import java.time.Instant;

/** Breaks the domain rule on purpose: {@code java.sql} is part of the JDK, but not of what the domain may use. */
public class DomainUsingJdbc {
    public Timestamp at(Instant instant) {
        return Timestamp.from(instant);
    }
}
