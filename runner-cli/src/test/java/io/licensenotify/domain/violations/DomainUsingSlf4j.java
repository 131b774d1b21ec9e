package io.licensenotify.domain.violations;

/** Breaks the domain rule on purpose: the domain may use the JDK only. */
public class DomainUsingSlf4j {
    public Object logger() {
        return org.slf4j.LoggerFactory.getLogger(DomainUsingSlf4j.class);
    }
}
