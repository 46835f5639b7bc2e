package org.contactpoint.audit.repository;

import org.postgresql.util.PGobject;

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

    /**
     * A {@code text[]} parameter, its literal written here: the driver's own encoding appends every character of every
     * element one at a time, and a poll's records and outbox rows carry kilobytes of JSON each, so in the bench's
     * lookup profile it was 18 % of audit-service's CPU. The literal is the one the driver would send.
     */
    static PGobject texts(Connection connection, Collection<String> values) throws SQLException {
        PGobject array = new PGobject();
        array.setType("text[]");
        array.setValue(literal(values));
        return array;
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
        return literal(values);
    }

    /**
     * {@code {"a","b \\"c\\"",NULL}}: each element quoted, a quote or backslash inside it escaped with a backslash,
     * a null element NULL. Each element is scanned for the two characters and copied in runs between them.
     */
    static String literal(Collection<String> values) {
        int length = 2;
        for (String value : values) {
            length += value == null ? 5 : value.length() + 3;
        }
        StringBuilder literal = new StringBuilder(length + length / 16);
        literal.append('{');
        boolean first = true;
        for (String value : values) {
            if (!first) {
                literal.append(',');
            }
            first = false;
            if (value == null) {
                literal.append("NULL");
                continue;
            }
            literal.append('"');
            int run = 0;
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c == '"' || c == '\\') {
                    literal.append(value, run, i).append('\\');
                    run = i;
                }
            }
            literal.append(value, run, value.length()).append('"');
        }
        return literal.append('}').toString();
    }
}
