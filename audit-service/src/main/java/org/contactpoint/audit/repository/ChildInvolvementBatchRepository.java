package org.contactpoint.audit.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.contactpoint.audit.domain.InvolvementState;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * A poll of involvement events, set-based: the involvements worth keeping written in one statement (the newest
 * version wins, as {@code ChildInvolvement#apply} decides one at a time), and the ones no longer worth keeping
 * (removed, or a sensitive service naming no organisation) deleted in one more, unless what is stored is newer.
 */
@ApplicationScoped
public class ChildInvolvementBatchRepository {

    /** An involvement's newest state in the poll, and when it was first recorded (kept only on insert). */
    public record Kept(InvolvementState state, Instant recordedAt) {
    }

    private static final String UPSERT = """
            INSERT INTO child_involvement AS i (involvement_id, child_id, version, status, organisation_code,
                                                lead_professional, recorded_at)
            SELECT k.involvement_id, k.child_id, k.version, k.status, k.organisation_code, k.lead_professional,
                   CAST(k.recorded_at AS timestamptz)
            FROM unnest(?::varchar[], ?::varchar[], ?::bigint[], ?::varchar[], ?::varchar[], ?::boolean[], ?::text[])
                 AS k(involvement_id, child_id, version, status, organisation_code, lead_professional, recorded_at)
            ON CONFLICT (involvement_id) DO UPDATE SET child_id = EXCLUDED.child_id, version = EXCLUDED.version,
                status = EXCLUDED.status, organisation_code = EXCLUDED.organisation_code,
                lead_professional = EXCLUDED.lead_professional
            WHERE i.version < EXCLUDED.version""";

    private static final String DROP = """
            DELETE FROM child_involvement i
            USING unnest(?::varchar[], ?::bigint[]) AS d(involvement_id, version)
            WHERE i.involvement_id = d.involvement_id AND i.version < d.version""";

    private final DataSource dataSource;

    public ChildInvolvementBatchRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Stores each involvement unless what is stored is as new (rows in key order, so writers never deadlock). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void store(List<Kept> kept) {
        if (kept.isEmpty()) {
            return;
        }
        List<Kept> rows = kept.stream().sorted(Comparator.comparing(k -> k.state().involvementId())).toList();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement upsert = connection.prepareStatement(UPSERT)) {
            upsert.setArray(1, connection.createArrayOf("varchar", rows.stream()
                    .map(k -> k.state().involvementId()).toArray()));
            upsert.setArray(2, connection.createArrayOf("varchar", rows.stream()
                    .map(k -> k.state().childId()).toArray()));
            upsert.setArray(3, connection.createArrayOf("int8", rows.stream()
                    .map(k -> k.state().version()).toArray()));
            upsert.setArray(4, connection.createArrayOf("varchar", rows.stream()
                    .map(k -> k.state().status().name()).toArray()));
            upsert.setArray(5, connection.createArrayOf("varchar", rows.stream()
                    .map(k -> k.state().organisationCode()).toArray()));
            upsert.setArray(6, connection.createArrayOf("bool", rows.stream()
                    .map(k -> k.state().leadProfessional()).toArray()));
            upsert.setArray(7, Jdbc.instants(connection, rows.stream().map(Kept::recordedAt).toList()));
            upsert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not store the poll's involvements", e);
        }
    }

    /** Deletes these involvements where what is stored is older than the state that says they are not kept. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void dropOlderThan(List<InvolvementState> states) {
        if (states.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement delete = connection.prepareStatement(DROP)) {
            delete.setArray(1, connection.createArrayOf("varchar", states.stream()
                    .map(InvolvementState::involvementId).toArray()));
            delete.setArray(2, connection.createArrayOf("int8", states.stream()
                    .map(InvolvementState::version).toArray()));
            delete.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not drop the poll's involvements no longer kept", e);
        }
    }
}
