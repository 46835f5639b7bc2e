package org.contactpoint.involvement.repository;

import jakarta.enterprise.context.ApplicationScoped;
import org.contactpoint.involvement.domain.SubmissionRejection;
import org.contactpoint.involvement.domain.SubmissionStatus;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Where an agency's submissions stand, read in one query each, and the refusals of its topic records, written in one
 * statement per poll. Plain JDBC projections: nothing read here is changed.
 */
@ApplicationScoped
public class SubmissionStatusRepository {

    // Accepted before parked before refused: a submission refused once and then sent again correctly is accepted.
    // Each part is scoped to the agency (its key) and to the organisation its credential proves.
    private static final String STATUS = """
            SELECT state, involvement_id, at, reason FROM (
                SELECT 1 AS rank, 'ACCEPTED' AS state, id AS involvement_id, created_at AS at, NULL AS reason
                FROM involvement WHERE source_agency = ? AND submission_id = ? AND organisation_code = ?
                UNION ALL
                SELECT 2, 'PARKED', involvement_id, received_at, NULL
                FROM parked_submission WHERE source_agency = ? AND submission_id = ?
                 AND submitted_by::jsonb ->> 'organisationCode' = ?
                UNION ALL
                SELECT 3, 'REJECTED', NULL, rejected_at, reason
                FROM submission_rejection WHERE source_agency = ? AND submission_id = ? AND organisation_code = ?
            ) s ORDER BY rank, at DESC LIMIT 1""";

    private static final String REJECTED = """
            SELECT id, source_agency, organisation_code, submission_id, reason, rejected_at, record_position
            FROM submission_rejection WHERE source_agency = ? AND organisation_code = ?
            ORDER BY rejected_at DESC, id OFFSET ? LIMIT ?""";

    private static final String RECORD = """
            INSERT INTO submission_rejection (id, source_agency, organisation_code, submission_id, reason, rejected_at,
                                              record_position)
            SELECT * FROM unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[], ?::timestamptz[], ?::text[])
            ON CONFLICT (record_position) DO NOTHING""";

    private final DataSource dataSource;

    public SubmissionStatusRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Optional<SubmissionStatus> status(String agency, String organisationCode, String submissionId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(STATUS)) {
            for (int part = 0; part < 3; part++) {
                statement.setString(part * 3 + 1, agency);
                statement.setString(part * 3 + 2, submissionId);
                statement.setString(part * 3 + 3, organisationCode);
            }
            try (ResultSet row = statement.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(new SubmissionStatus(submissionId,
                        SubmissionStatus.State.valueOf(row.getString(1)), row.getObject(2, UUID.class),
                        row.getTimestamp(3).toInstant(), row.getString(4)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the status of a submission", e);
        }
    }

    /** One page of the agency's refused records, newest first: {@code limit} rows from {@code offset}. */
    public List<SubmissionRejection> rejected(String agency, String organisationCode, int offset, int limit) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(REJECTED)) {
            statement.setString(1, agency);
            statement.setString(2, organisationCode);
            statement.setInt(3, offset);
            statement.setInt(4, limit);
            List<SubmissionRejection> page = new ArrayList<>();
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    page.add(new SubmissionRejection(row.getObject(1, UUID.class), row.getString(2), row.getString(3),
                            row.getString(4), row.getString(5), row.getTimestamp(6).toInstant(), row.getString(7)));
                }
            }
            return page;
        } catch (SQLException e) {
            throw new IllegalStateException("could not read rejected submissions", e);
        }
    }

    /** The refusals of one poll, in one statement; a refusal already recorded (a redelivered poll) is skipped. */
    public void record(List<SubmissionRejection> rejections) {
        if (rejections.isEmpty()) {
            return;
        }
        int size = rejections.size();
        UUID[] ids = new UUID[size];
        String[] agencies = new String[size];
        String[] organisations = new String[size];
        String[] submissionIds = new String[size];
        String[] reasons = new String[size];
        Timestamp[] times = new Timestamp[size];
        String[] positions = new String[size];
        for (int i = 0; i < size; i++) {
            SubmissionRejection r = rejections.get(i);
            ids[i] = r.id();
            agencies[i] = r.sourceAgency();
            organisations[i] = r.organisationCode();
            submissionIds[i] = r.submissionId();
            reasons[i] = r.reason();
            times[i] = Timestamp.from(r.rejectedAt());
            positions[i] = r.recordPosition();
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(RECORD)) {
            statement.setArray(1, connection.createArrayOf("uuid", ids));
            statement.setArray(2, connection.createArrayOf("text", agencies));
            statement.setArray(3, connection.createArrayOf("text", organisations));
            statement.setArray(4, connection.createArrayOf("text", submissionIds));
            statement.setArray(5, connection.createArrayOf("text", reasons));
            statement.setArray(6, connection.createArrayOf("timestamptz", times));
            statement.setArray(7, connection.createArrayOf("text", positions));
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not record rejected submissions", e);
        }
    }
}
