package io.licensenotify.ports.out;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class SecretsTest {
    private static final String PW = "Zebra-Pass-5e1f";

    @Test
    void masksEveryUrlFormOfAPasswordWhateverItsCase() {
        assertThat(Secrets.mask("jdbc:h2:file:/x;PASSWORD=" + PW + ";MODE=MySQL")).isEqualTo("jdbc:h2:file:/x;PASSWORD=****;MODE=MySQL");
        assertThat(Secrets.mask("jdbc:mariadb://h/db?user=ln&password=" + PW + "&useSSL=true"))
                .isEqualTo("jdbc:mariadb://h/db?user=ln&password=****&useSSL=true");
        assertThat(Secrets.mask("jdbc:postgresql://h/db?Password=" + PW)).isEqualTo("jdbc:postgresql://h/db?Password=****");
        assertThat(Secrets.mask("jdbc:postgresql://h/db?sslpassword=" + PW)).isEqualTo("jdbc:postgresql://h/db?sslpassword=****");
        assertThat(Secrets.mask("x?passwd=" + PW + "&pwd=" + PW + "&client_secret=" + PW + "&token=" + PW))
                .isEqualTo("x?passwd=****&pwd=****&client_secret=****&token=****");
        assertThat(Secrets.mask("jdbc:mysql://ln:" + PW + "@db:3306/lm")).isEqualTo("jdbc:mysql://ln:****@db:3306/lm");
        assertThat(Secrets.mask("in the database URL \"jdbc:h2:rel;PASSWORD=" + PW + "\". Use"))
                .isEqualTo("in the database URL \"jdbc:h2:rel;PASSWORD=****\". Use");
    }

    @Test
    void masksKnownValuesWhereADriverQuotesThemWithoutTheirKey() {
        String url = "jdbc:mariadb://root:" + PW + "@127.0.0.1:3306/db";
        assertThat(Secrets.mask("Incorrect port value : " + PW + "@127.0.0.1", Secrets.inUrl(url)))
                .isEqualTo("Incorrect port value : ****@127.0.0.1");
        assertThat(Secrets.inUrl("jdbc:h2:x;PASSWORD=a%2Bb%40c;USER=sa")).containsExactly("a%2Bb%40c", "a+b@c");
        assertThat(Secrets.mask("user 'ln' with a+b@c refused", Secrets.inUrl("jdbc:h2:x;PASSWORD=a%2Bb%40c")))
                .isEqualTo("user 'ln' with **** refused");
    }

    @Test
    void leavesOtherTextAloneAndSkipsTooShortKnownValues() {
        String plain = "cannot connect to jdbc:postgresql://127.0.0.1:5432/db as user 'ln': connection refused";
        assertThat(Secrets.mask(plain, Set.of("abc", ""))).isEqualTo(plain);
        assertThat(Secrets.mask("no token from https://lms/oauth2/access_token")).isEqualTo("no token from https://lms/oauth2/access_token");
        assertThat(Secrets.mask(null, List.of(PW))).isNull();
        assertThat(Secrets.inUrl("jdbc:postgresql://127.0.0.1/db?user=ln")).isEmpty();
    }
}
