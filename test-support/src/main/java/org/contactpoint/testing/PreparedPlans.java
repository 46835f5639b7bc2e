package org.contactpoint.testing;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Which kind of plan a service's connections run their prepared statements on: PostgreSQL counts, per connection, the
 * generic and the custom plans of each statement it holds prepared ({@code pg_prepared_statements}). A service whose
 * tables grow while it writes in batches must never run on a generic plan cached while a table was nearly empty.
 */
public final class PreparedPlans {

    private PreparedPlans() {
    }

    /** The statement weighed: a set of ids read from a table that is empty, as a table is when a first load begins. */
    private static final String PROBE = "SELECT id FROM plan_probe WHERE id = ANY ($1::text[])";

    /**
     * Runs a read of a set of ids from an empty table {@code runs} times on one connection of the service's pool (a
     * temporary table of its own, so no service data matters), enough for the driver to prepare it on the server and
     * for PostgreSQL to weigh a generic plan, and answers how many runs used a generic plan and how many a custom one.
     */
    public static Plans of(DataSource service, int runs) throws SQLException {
        try (Connection connection = service.getConnection()) {
            try (Statement ddl = connection.createStatement()) {
                ddl.execute("CREATE TEMPORARY TABLE IF NOT EXISTS plan_probe (id text PRIMARY KEY)");
                // Analysed while empty, as autovacuum analyses a table early in a load: the planner then knows it empty.
                ddl.execute("ANALYZE plan_probe");
            }
            try {
                for (int run = 0; run < runs; run++) {
                    try (PreparedStatement statement = connection.prepareStatement(PROBE.replace("$1", "?"))) {
                        statement.setArray(1, connection.createArrayOf("text", new Object[]{"absent-" + run}));
                        try (ResultSet rows = statement.executeQuery()) {
                            while (rows.next()) {
                                rows.getObject(1);
                            }
                        }
                    }
                }
                try (PreparedStatement query = connection.prepareStatement(
                        "SELECT coalesce(sum(generic_plans), 0), coalesce(sum(custom_plans), 0) "
                                + "FROM pg_prepared_statements WHERE statement = ?")) {
                    query.setString(1, PROBE);
                    try (ResultSet row = query.executeQuery()) {
                        row.next();
                        return new Plans(row.getLong(1), row.getLong(2));
                    }
                }
            } finally {
                try (Statement ddl = connection.createStatement()) {
                    ddl.execute("DROP TABLE IF EXISTS plan_probe");
                }
            }
        }
    }

    /** Runs of one prepared statement on a generic plan and on plans made for their values. */
    public record Plans(long generic, long custom) {
    }
}
