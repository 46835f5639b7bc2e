package org.contactpoint.gateway.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.contactpoint.events.NhsNumbers;
import org.contactpoint.gateway.domain.Child;
import org.contactpoint.gateway.domain.SourceIdentifier;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Array;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The exact identifiers of a child, the purge and removal markers and the read model's lock, in plain SQL. (The
 * search rows are ChildSearchRepository's.)
 */
@ApplicationScoped
public class ChildIndexRepository {

    /** The advisory lock a rebuild holds exclusively and every live event shares. */
    private static final long READ_MODEL_LOCK = 0x6A7E_4EADL;

    private final DataSource dataSource;

    public ChildIndexRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Replaces these children's identifiers with those of their current state, in two statements. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void reindex(Collection<Child> children) {
        if (children.isEmpty()) {
            return;
        }
        List<String> schemes = new ArrayList<>();
        List<String> values = new ArrayList<>();
        List<String> owners = new ArrayList<>();
        for (Child child : children) {
            for (SourceIdentifier id : child.identifiers()) {
                String nhsNumber = NhsNumbers.normalise(id.value());
                if (NhsNumbers.SCHEME.equals(id.scheme()) && nhsNumber != null) {
                    schemes.add(id.scheme());
                    values.add(nhsNumber);
                    owners.add(child.contactPointId());
                }
            }
        }
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM child_identifier WHERE contact_point_id = ANY (?::text[])")) {
                delete.setArray(1, texts(connection, children.stream().map(Child::contactPointId).toList()));
                delete.executeUpdate();
            }
            if (!owners.isEmpty()) {
                try (PreparedStatement insert = connection.prepareStatement("""
                        INSERT INTO child_identifier (scheme, value, contact_point_id)
                        SELECT * FROM unnest(?::text[], ?::text[], ?::text[]) ON CONFLICT DO NOTHING""")) {
                    insert.setArray(1, texts(connection, schemes));
                    insert.setArray(2, texts(connection, values));
                    insert.setArray(3, texts(connection, owners));
                    insert.executeUpdate();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not index the identifiers of " + children.size() + " children", e);
        }
    }

    /** Of these children, the ones identity purged. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Set<String> purged(List<String> contactPointIds) {
        Set<String> purged = new HashSet<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT contact_point_id FROM purged_child WHERE contact_point_id = ANY (?::text[])")) {
            query.setArray(1, texts(connection, contactPointIds));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    purged.add(rows.getString(1));
                }
            }
            return purged;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read purge markers", e);
        }
    }

    /** The last version of each of these involvements that was deleted (the others are absent). */
    @Transactional(Transactional.TxType.MANDATORY)
    public Map<String, Long> removedInvolvementVersions(List<String> involvementIds) {
        Map<String, Long> removed = new HashMap<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT involvement_id, version FROM removed_involvement WHERE involvement_id = ANY (?::text[])")) {
            query.setArray(1, texts(connection, involvementIds));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    removed.put(rows.getString(1), rows.getLong(2));
                }
            }
            return removed;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read removed involvements", e);
        }
    }

    /** Remembers that these involvements were deleted at these versions, in one statement. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void markInvolvementsRemoved(Map<String, Long> versions) {
        if (versions.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement upsert = connection.prepareStatement("""
                     INSERT INTO removed_involvement (involvement_id, version)
                     SELECT * FROM unnest(?::text[], ?::bigint[])
                     ON CONFLICT (involvement_id) DO UPDATE
                     SET version = greatest(removed_involvement.version, excluded.version)""")) {
            upsert.setArray(1, texts(connection, List.copyOf(versions.keySet())));
            upsert.setArray(2, connection.createArrayOf("bigint", versions.values().toArray()));
            upsert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not mark " + versions.size() + " involvements removed", e);
        }
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void markPurged(String contactPointId) {
        try (Connection connection = dataSource.getConnection()) {
            execute(connection, "INSERT INTO purged_child (contact_point_id) VALUES (?) ON CONFLICT DO NOTHING",
                    contactPointId);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not mark " + contactPointId + " purged", e);
        }
    }

    /** Empties the whole read model (for a rebuild, inside the rebuild's transaction). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void clearReadModel() {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement delete = connection.prepareStatement(
                     "DELETE FROM involvement; DELETE FROM removed_involvement; DELETE FROM child_search; "
                             + "DELETE FROM child_identifier; DELETE FROM child; DELETE FROM purged_child; "
                             + "DELETE FROM local_authority_residence")) {
            delete.execute();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not clear the read model", e);
        }
    }

    /**
     * Takes the read model's advisory lock for this transaction: exclusively for a rebuild, shared for applying one
     * live event, so live events wait while a rebuild runs (on any instance).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void lockReadModel(boolean exclusive) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(exclusive
                     ? "SELECT pg_advisory_xact_lock(?)" : "SELECT pg_advisory_xact_lock_shared(?)")) {
            statement.setLong(1, READ_MODEL_LOCK);
            statement.execute();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not lock the read model", e);
        }
    }

    /** Remembers every involvement of a child as deleted at its current version (before the child is forgotten). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void markInvolvementsRemoved(String contactPointId) {
        try (Connection connection = dataSource.getConnection()) {
            execute(connection, """
                    INSERT INTO removed_involvement (involvement_id, version)
                    SELECT involvement_id, version FROM involvement WHERE contact_point_id = ?
                    ON CONFLICT (involvement_id) DO UPDATE
                    SET version = greatest(removed_involvement.version, excluded.version)""", contactPointId);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not mark the involvements of " + contactPointId + " removed", e);
        }
    }

    /** Deletes one consumer's inbox rows (a finished rebuild's). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void forgetInbox(String consumer) {
        try (Connection connection = dataSource.getConnection()) {
            execute(connection, "DELETE FROM inbox_message WHERE consumer = ?", consumer);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not clear the rebuild's inbox", e);
        }
    }

    /** Rows in one of the read model's tables. */
    @Transactional(Transactional.TxType.MANDATORY)
    public long count(String table) {
        if (!table.matches("[a-z_]+")) {
            throw new IllegalArgumentException(table);
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement("SELECT count(*) FROM " + table);
             ResultSet rows = query.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not count " + table, e);
        }
    }

    private static void execute(Connection connection, String sql, String id) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, id);
            statement.executeUpdate();
        }
    }

    private static Array texts(Connection connection, List<String> values) throws SQLException {
        return connection.createArrayOf("text", values.toArray());
    }
}
