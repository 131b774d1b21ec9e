package io.licensenotify.adapter.persistence;

import io.licensenotify.ports.out.StorageException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The drivers quote the JDBC URL, password and all, in their own messages; a {@link StorageException}
 * never does. None of these URLs needs a server: each fails while the driver reads it.
 */
class DatabaseSecretsTest {
    private static final String PASSWORD = "Zebra-Pass-5e1f";

    @Test
    void h2QuotingItsWholeUrlDoesNotQuoteThePassword() {
        // H2 refuses a relative path and quotes the URL with its settings
        StorageException e = openFails("jdbc:h2:relative/ledger;PASSWORD=" + PASSWORD + ";MODE=MySQL", "");

        assertThat(e.getMessage()).doesNotContain(PASSWORD).contains("jdbc:h2:relative/ledger", "relative");
    }

    @Test
    void aPasswordAsUserInfoOfAMariaDbUrlIsNotQuoted() {
        // MariaDB reads user:password@host as host:port and says the "port" is wrong: the password@host
        for (String scheme : new String[] {"mariadb", "mysql"}) {
            StorageException e = openFails("jdbc:" + scheme + "://root:" + PASSWORD + "@127.0.0.1:3306/ledger", "");

            assertThat(e.getMessage()).as(scheme).doesNotContain(PASSWORD).contains("127.0.0.1:3306/ledger");
        }
    }

    @Test
    void aPasswordAsUserInfoOfAPostgresUrlIsNotQuoted() {
        // pgjdbc takes postgres:password@127.0.0.1 for a host name and reports it unknown
        StorageException e = openFails("jdbc:postgresql://postgres:" + PASSWORD + "@127.0.0.1:5432/ledger", "");

        assertThat(e.getMessage()).doesNotContain(PASSWORD).contains("127.0.0.1:5432/ledger");
    }

    @Test
    void anUnsupportedUrlIsNamedWithoutItsParameters() {
        assertThatThrownBy(() -> Database.open("jdbc:oracle:thin:@db;password=" + PASSWORD, "u", "", 1))
                .isInstanceOf(IllegalArgumentException.class)
                .extracting(Throwable::getMessage).asString().doesNotContain(PASSWORD);
    }

    private static StorageException openFails(String url, String password) {
        StorageException e = catchThrowableOfType(StorageException.class,
                () -> Database.open(url, "root", password, 1).close());
        assertThat(e).as("opening %s should fail", url.replace(PASSWORD, "<password>")).isNotNull();
        return e;
    }
}
