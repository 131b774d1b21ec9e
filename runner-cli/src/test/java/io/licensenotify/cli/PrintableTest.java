package io.licensenotify.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PrintableTest {
    @Test
    void escapesWhatCouldStartALineOrSteerATerminal() {
        assertThat(Printable.of("Acme\n2026-01-01 INFO forged\r\n")).isEqualTo("Acme\\n2026-01-01 INFO forged\\r\\n");
        assertThat(Printable.of("red \u001b[31m bell \u0007 nel \u0085 ls \u2028 rlo \u202e x"))
                .isEqualTo("red \\u001b[31m bell \\u0007 nel \\u0085 ls \\u2028 rlo \\u202e x");
    }

    @Test
    void leavesOrdinaryTextAlone() {
        String text = "Ünïcødé 学校 🚀 Ltd\twith a tab";
        assertThat(Printable.of(text)).isSameAs(text);
        assertThat(Printable.of(null)).isNull();
    }
}
