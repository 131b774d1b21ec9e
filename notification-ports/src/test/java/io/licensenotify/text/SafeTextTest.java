package io.licensenotify.text;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

class SafeTextTest {
    private static final String PW = "Zebra-Pass-5e1f";

    @Test
    void masksEveryUrlFormOfAPasswordWhateverItsCase() {
        assertThat(SafeText.withoutSecrets("jdbc:h2:file:/x;PASSWORD=" + PW + ";MODE=MySQL")).isEqualTo("jdbc:h2:file:/x;PASSWORD=****;MODE=MySQL");
        assertThat(SafeText.withoutSecrets("jdbc:mariadb://h/db?user=ln&password=" + PW + "&useSSL=true"))
                .isEqualTo("jdbc:mariadb://h/db?user=ln&password=****&useSSL=true");
        assertThat(SafeText.withoutSecrets("jdbc:postgresql://h/db?Password=" + PW)).isEqualTo("jdbc:postgresql://h/db?Password=****");
        assertThat(SafeText.withoutSecrets("jdbc:postgresql://h/db?sslpassword=" + PW)).isEqualTo("jdbc:postgresql://h/db?sslpassword=****");
        assertThat(SafeText.withoutSecrets("x?passwd=" + PW + "&pwd=" + PW + "&client_secret=" + PW + "&token=" + PW))
                .isEqualTo("x?passwd=****&pwd=****&client_secret=****&token=****");
        assertThat(SafeText.withoutSecrets("jdbc:mysql://ln:" + PW + "@db:3306/lm")).isEqualTo("jdbc:mysql://ln:****@db:3306/lm");
        assertThat(SafeText.withoutSecrets("in the database URL \"jdbc:h2:rel;PASSWORD=" + PW + "\". Use"))
                .isEqualTo("in the database URL \"jdbc:h2:rel;PASSWORD=****\". Use");
    }

    @Test
    void masksKnownValuesWhereADriverQuotesThemWithoutTheirKey() {
        String url = "jdbc:mariadb://root:" + PW + "@127.0.0.1:3306/db";
        assertThat(SafeText.withoutSecrets("Incorrect port value : " + PW + "@127.0.0.1", SafeText.secretsInUrl(url)))
                .isEqualTo("Incorrect port value : ****@127.0.0.1");
        assertThat(SafeText.secretsInUrl("jdbc:h2:x;PASSWORD=a%2Bb%40c;USER=sa")).containsExactly("a%2Bb%40c", "a+b@c");
        assertThat(SafeText.withoutSecrets("user 'ln' with a+b@c refused", SafeText.secretsInUrl("jdbc:h2:x;PASSWORD=a%2Bb%40c")))
                .isEqualTo("user 'ln' with **** refused");
    }

    @Test
    void leavesOtherTextAloneAndSkipsTooShortKnownValues() {
        String plain = "cannot connect to jdbc:postgresql://127.0.0.1:5432/db as user 'ln': connection refused";
        assertThat(SafeText.withoutSecrets(plain, Set.of("abc", ""))).isEqualTo(plain);
        assertThat(SafeText.withoutSecrets("no token from https://lms/oauth2/access_token")).isEqualTo("no token from https://lms/oauth2/access_token");
        assertThat(SafeText.withoutSecrets(null, List.of(PW))).isNull();
        assertThat(SafeText.secretsInUrl("jdbc:postgresql://127.0.0.1/db?user=ln")).isEmpty();
    }

    @Test
    void replacesEveryEmailAddressAndKeepsTheRest() {
        assertThat(SafeText.withoutEmails("invalid recipient alice.o'neil+x@mail.example.com, bob@example.org: unknown"))
                .isEqualTo("invalid recipient <email>, <email>: unknown");
    }

    @Test
    void leavesTextWithoutAddressesAlone() {
        assertThat(SafeText.withoutEmails("HTTP 400 from /campaigns/trigger/send @ 12:00")).isEqualTo("HTTP 400 from /campaigns/trigger/send @ 12:00");
        assertThat(SafeText.withoutEmails(null)).isNull();
    }

    @Test
    void removesAnAddressBeyondAsciiWhole() {
        assertThat(SafeText.withoutEmails("Braze refused jürgen.müller@exämple.de and bob@example.com"))
                .isEqualTo("Braze refused <email> and <email>");
    }

    @Test
    void namesTheGivenAddressesInAnyCaseOnlyWhole() {
        Map<String, String> names = new LinkedHashMap<>();
        names.put("Ann@Example.com", "ECU 1001");
        names.put("ann@example.com", "ECU 1002");
        names.put("jürgen@exämple.de", "ECU 1003");
        names.put("", "ECU 1004");
        UnaryOperator<String> naming = SafeText.naming(names);

        assertThat(naming.apply("unknown ANN@example.COM, JÜRGEN@EXÄMPLE.DE; xann@example.com ann@example.com.au"))
                .isEqualTo("unknown ECU 1001, ECU 1003; xann@example.com ann@example.com.au");
        assertThat(naming.apply(null)).isNull();
        assertThat(SafeText.naming(Map.of())).isSameAs(UnaryOperator.identity());
    }

    @Test
    void escapesWhatCouldStartALineOrSteerATerminal() {
        assertThat(SafeText.printable("Acme\n2026-01-01 INFO forged\r\n")).isEqualTo("Acme\\n2026-01-01 INFO forged\\r\\n");
        assertThat(SafeText.printable("red \u001b[31m bell \u0007 nel \u0085 ls \u2028 rlo \u202e x"))
                .isEqualTo("red \\u001b[31m bell \\u0007 nel \\u0085 ls \\u2028 rlo \\u202e x");
    }

    @Test
    void leavesOrdinaryTextAlone() {
        String text = "Ünïcødé 学校 🚀 Ltd\twith a tab";
        assertThat(SafeText.printable(text)).isSameAs(text);
        assertThat(SafeText.printable(null)).isNull();
    }
}
