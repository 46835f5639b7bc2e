package org.contactpoint.gateway.repository.reports;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.contactpoint.gateway.domain.reports.Residence;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Collection;

/**
 * When each child's responsible local authority last changed ({@code local_authority_residence}), kept by the read
 * model's projection in the same transaction as the child's rows, so a rebuild rebuilds it too.
 */
@ApplicationScoped
public class ResidenceRepository {

    /*
     * Newest version wins, so a replayed or reordered event changes nothing. The authority's start date and the
     * previous authority change only when the authority does: an update that keeps it keeps when the child came.
     */
    private static final String APPLY = """
            INSERT INTO local_authority_residence AS r
                (contact_point_id, local_authority, since, previous_local_authority, version)
            SELECT * FROM unnest(?::text[], ?::text[], ?::timestamptz[], ?::text[], ?::bigint[])
            ON CONFLICT (contact_point_id) DO UPDATE SET
                local_authority = EXCLUDED.local_authority,
                since = CASE WHEN r.local_authority IS DISTINCT FROM EXCLUDED.local_authority
                             THEN EXCLUDED.since ELSE r.since END,
                previous_local_authority = CASE WHEN r.local_authority IS DISTINCT FROM EXCLUDED.local_authority
                             THEN coalesce(EXCLUDED.previous_local_authority, r.local_authority)
                             ELSE r.previous_local_authority END,
                version = EXCLUDED.version
            WHERE r.version < EXCLUDED.version
            """;

    private final DataSource dataSource;

    public ResidenceRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Applies a poll's residences, one per child (folded in order by the read model's projection), in one statement.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(Collection<Residence> residences) {
        if (residences.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement apply = connection.prepareStatement(APPLY)) {
            apply.setArray(1, connection.createArrayOf("text",
                    residences.stream().map(Residence::contactPointId).toArray()));
            apply.setArray(2, connection.createArrayOf("text",
                    residences.stream().map(Residence::localAuthority).toArray()));
            apply.setArray(3, connection.createArrayOf("timestamptz",
                    residences.stream().map(r -> Timestamp.from(r.occurredAt())).toArray()));
            apply.setArray(4, connection.createArrayOf("text",
                    residences.stream().map(Residence::previousLocalAuthority).toArray()));
            apply.setArray(5, connection.createArrayOf("int8",
                    residences.stream().map(Residence::version).toArray()));
            apply.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not record the residences of " + residences.size() + " children",
                    e);
        }
    }

    /** Purged children are no one's residents. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void forget(Collection<String> contactPointIds) {
        if (contactPointIds.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement forget = connection.prepareStatement(
                     "DELETE FROM local_authority_residence WHERE contact_point_id = ANY (?)")) {
            forget.setArray(1, connection.createArrayOf("text", contactPointIds.toArray()));
            forget.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not forget the residences of " + contactPointIds.size()
                    + " children", e);
        }
    }
}
