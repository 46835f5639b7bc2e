package org.contactpoint.identity.repository;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * One prepared statement at a time on the connection enlisted in the caller's transaction (closing it only hands it
 * back): the plain-JDBC repositories bind their parameters and read their rows through here, and a failure names what
 * was being done.
 */
final class JdbcStatements {

    @FunctionalInterface
    interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    @FunctionalInterface
    interface RowReader {
        void read(ResultSet rows) throws SQLException;
    }

    private final DataSource dataSource;
    private final String what;

    /** @param what the repository's work, for failure messages ("Batch matching", "Import") */
    JdbcStatements(DataSource dataSource, String what) {
        this.dataSource = dataSource;
        this.what = what;
    }

    /** Runs a query and hands each row to the reader. */
    void query(String sql, Binder binder, RowReader reader) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            binder.bind(statement);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    reader.read(rows);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(what + " query failed: " + e.getMessage(), e);
        }
    }

    /** Runs a write; returns the rows it changed. */
    int update(String sql, Binder binder) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            binder.bind(statement);
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(what + " write failed: " + e.getMessage(), e);
        }
    }
}
