package org.contactpoint.audit.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.contactpoint.audit.domain.ChildProfile;
import org.contactpoint.audit.domain.Vulnerability;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A poll of identity's child events, set-based: the children's newest profiles written in one statement (the newest
 * version wins, as {@link ChildProfile#apply} decides one at a time), and the access notices waiting for their
 * responsible local authority addressed in one more.
 */
@ApplicationScoped
public class ChildProfileBatchRepository {

    private static final String UPSERT = """
            INSERT INTO child_profile AS p (child_id, version, responsible_local_authority, shielded, vulnerabilities)
            SELECT * FROM unnest(?::varchar[], ?::bigint[], ?::varchar[], ?::boolean[], ?::varchar[])
            ON CONFLICT (child_id) DO UPDATE SET version = EXCLUDED.version,
                responsible_local_authority = EXCLUDED.responsible_local_authority, shielded = EXCLUDED.shielded,
                vulnerabilities = EXCLUDED.vulnerabilities
            WHERE p.version < EXCLUDED.version""";

    private static final String ADDRESS = """
            UPDATE access_notification n SET recipient_local_authority = p.responsible_local_authority
            FROM child_profile p
            WHERE p.child_id = ANY(?::varchar[]) AND p.responsible_local_authority IS NOT NULL
              AND n.child_id = p.child_id AND n.recipient_local_authority IS NULL""";

    private final DataSource dataSource;

    public ChildProfileBatchRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Stores each profile unless what is stored is as new, then gives the notices of these children that wait for a
     * recipient their child's responsible local authority, once it is known.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void store(List<ChildProfile> profiles) {
        if (profiles.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement upsert = connection.prepareStatement(UPSERT);
             PreparedStatement address = connection.prepareStatement(ADDRESS)) {
            Object[] ids = profiles.stream().map(ChildProfile::childId).toArray();
            upsert.setArray(1, connection.createArrayOf("varchar", ids));
            upsert.setArray(2, connection.createArrayOf("int8", profiles.stream().map(ChildProfile::version)
                    .toArray()));
            upsert.setArray(3, connection.createArrayOf("varchar", profiles.stream()
                    .map(ChildProfile::responsibleLocalAuthority).toArray()));
            upsert.setArray(4, connection.createArrayOf("bool", profiles.stream().map(ChildProfile::shielded)
                    .toArray()));
            upsert.setArray(5, connection.createArrayOf("varchar", profiles.stream()
                    .map(p -> p.vulnerabilities().stream().map(Vulnerability::name).collect(Collectors.joining(",")))
                    .toArray()));
            upsert.executeUpdate();
            address.setArray(1, connection.createArrayOf("varchar", ids));
            address.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not store the poll's child profiles", e);
        }
    }
}
