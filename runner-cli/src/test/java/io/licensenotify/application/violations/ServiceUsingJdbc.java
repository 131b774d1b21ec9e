package io.licensenotify.application.violations;

import java.sql.Connection;
import java.sql.SQLException;

/** Breaks the ports rule on purpose: the application service must not touch JDBC. */
public class ServiceUsingJdbc {
    public boolean closed(Connection connection) throws SQLException {
        return connection.isClosed();
    }
}
