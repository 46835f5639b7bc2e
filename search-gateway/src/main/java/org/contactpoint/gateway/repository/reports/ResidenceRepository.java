package org.contactpoint.gateway.repository.reports;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.contactpoint.gateway.domain.reports.Residence;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;

/** When each child's responsible local authority last changed ({@code local_authority_residence}). */
@ApplicationScoped
public class ResidenceRepository {

    /*
     * Newest version wins, so a replayed or reordered event changes nothing. The authority's start date and the
     * previous authority change only when the authority does: an update that keeps it keeps when the child came.
     */
    private static final String APPLY = """
            INSERT INTO local_authority_residence AS r
                (contact_point_id, local_authority, since, previous_local_authority, version)
            VALUES (?, ?, ?, ?, ?)
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

    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(Residence residence) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement apply = connection.prepareStatement(APPLY)) {
            apply.setString(1, residence.contactPointId());
            apply.setString(2, residence.localAuthority());
            apply.setTimestamp(3, Timestamp.from(residence.occurredAt()));
            apply.setString(4, residence.previousLocalAuthority());
            apply.setLong(5, residence.version());
            apply.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not record the residence of " + residence.contactPointId(), e);
        }
    }

    /** A purged or merged-away child is no one's resident. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void forget(String contactPointId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement forget = connection.prepareStatement(
                     "DELETE FROM local_authority_residence WHERE contact_point_id = ?")) {
            forget.setString(1, contactPointId);
            forget.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not forget the residence of " + contactPointId, e);
        }
    }
}
