package io.licensenotify.ports.out;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RedactTest {
    @Test
    void replacesEveryEmailAddressAndKeepsTheRest() {
        assertThat(Redact.emails("invalid recipient alice.o'neil+x@mail.example.com, bob@example.org: unknown"))
                .isEqualTo("invalid recipient <email>, <email>: unknown");
    }

    @Test
    void leavesTextWithoutAddressesAlone() {
        assertThat(Redact.emails("HTTP 400 from /campaigns/trigger/send @ 12:00")).isEqualTo("HTTP 400 from /campaigns/trigger/send @ 12:00");
        assertThat(Redact.emails(null)).isNull();
    }
}
