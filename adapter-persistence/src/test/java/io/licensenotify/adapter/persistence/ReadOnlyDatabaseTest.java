package io.licensenotify.adapter.persistence;

import io.licensenotify.ports.out.HistoryQuery;
import io.licensenotify.ports.out.StorageException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** What the read-only commands open and read creates nothing, and a database error is a sentence. */
class ReadOnlyDatabaseTest {
    @TempDir
    Path dir;

    @Test
    void openingAnEmbeddedDatabaseThatDoesNotExistCreatesNoFile() {
        String url = "jdbc:h2:file:" + dir.resolve("data/license-notify").toAbsolutePath();

        Database.NotFound e = catchThrowableOfType(Database.NotFound.class,
                () -> Database.openExisting(url, "", "", 2, Database.DEFAULT_LOCK_TIMEOUT));

        assertThat(e).isNotNull();
        assertThat(e.getMessage()).isEqualTo("there is no database at H2 at " + url + " (this command never creates one)");
        assertThat(e.database()).isEqualTo("H2 at " + url);
        assertThat(dir.resolve("data")).doesNotExist();
    }

    @Test
    void theLedgerStateIsReadWithoutCreatingATableAndMigrateBringsItToThisVersion() throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("license-notify").toAbsolutePath();
        try (Database created = Database.open(url, "", "", 2)) {
            TestDatabase.execute(created, "CREATE TABLE subscriptions_license (uuid VARCHAR(32))");
        }
        try (Database db = Database.openExisting(url, "", "", 2, Database.DEFAULT_LOCK_TIMEOUT)) {
            LedgerSchema.State none = db.ledgerState();

            assertThat(none.exists()).isFalse();
            assertThat(none.describe()).isEqualTo("there is no delivery ledger yet in H2 at " + url);
            assertThat(tables(db)).containsExactly("SUBSCRIPTIONS_LICENSE");

            assertThat(db.migrate()).isEqualTo("the delivery ledger in H2 at " + url + " is at version 4 (4 migrations"
                    + " applied now)");
            assertThat(db.ledgerState().current()).isTrue();
            assertThat(db.ledgerState().describe()).endsWith("is at version 4");
            assertThat(db.migrate()).endsWith("is at version 4");
        }
        assertThat(Files.exists(dir.resolve("license-notify.mv.db"))).isTrue();
    }

    @Test
    void aDatabaseErrorReadsAsOneSentenceWithoutTheStatement() {
        try (Database db = Database.open(TestDatabase.freshH2Url(), "", "", 2)) {
            StorageException e = catchThrowableOfType(StorageException.class,
                    () -> new JooqDeliveryHistory(db).find(HistoryQuery.all(10)));

            assertThat(e.getMessage()).startsWith("reading delivery history failed on H2: ")
                    .contains("LICENSE_NOTIFY_DELIVERY").doesNotContain("SQL statement").doesNotContain("select")
                    .doesNotContain("\n").doesNotEndWith(":");
        }
    }

    private static List<String> tables(Database db) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection c = db.dataSource().getConnection();
             ResultSet rs = c.getMetaData().getTables(null, "PUBLIC", "%", new String[] {"TABLE"})) {
            while (rs.next()) names.add(rs.getString("TABLE_NAME"));
        }
        return names;
    }
}
