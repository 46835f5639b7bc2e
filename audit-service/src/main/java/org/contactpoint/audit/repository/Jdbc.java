package org.contactpoint.audit.repository;

import java.sql.Array;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/** Arrays for the set-based statements (one {@code unnest} per column instead of one statement per row). */
final class Jdbc {

    private Jdbc() {
    }

    static Array texts(Connection connection, Collection<String> values) throws SQLException {
        return connection.createArrayOf("text", values.toArray());
    }

    /** Instants travel as ISO text and are cast in SQL, so no JVM time zone is involved. */
    static Array instants(Connection connection, List<Instant> values) throws SQLException {
        return connection.createArrayOf("text", values.stream().map(v -> v == null ? null : v.toString()).toArray());
    }

    static Array longs(Connection connection, List<Long> values) throws SQLException {
        return connection.createArrayOf("int8", values.toArray());
    }

    static Array ints(Connection connection, List<Integer> values) throws SQLException {
        return connection.createArrayOf("int4", values.toArray());
    }

    static Array uuids(Connection connection, List<java.util.UUID> values) throws SQLException {
        return connection.createArrayOf("uuid", values.toArray());
    }

    /** A PostgreSQL array literal of text, for a text[] column inside an unnest of rows. */
    static String arrayLiteral(List<String> values) {
        StringBuilder literal = new StringBuilder("{");
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                literal.append(',');
            }
            String value = values.get(i);
            if (value == null) {
                literal.append("NULL");
            } else {
                literal.append('"').append(value.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
            }
        }
        return literal.append('}').toString();
    }
}
