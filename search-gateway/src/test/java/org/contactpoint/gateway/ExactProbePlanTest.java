package org.contactpoint.gateway;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.contactpoint.testing.RealInfrastructure;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 19: an exact lookup is one B-tree probe. pg_trgm's GiST operator class answers equality as well as
 * similarity, so while the typo index was on {@code family_key} an exact probe could be planned on it, and at 1 M
 * children it was (estimated cheaper, ten times slower: session 18). The typo index is on {@code lower(family_key)}
 * since V46 (`child_search_typo_lower`), so it can serve the typo probe and nothing that asks for a key exactly.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class ExactProbePlanTest {

    /** The exact probe's conditions, as ChildSearchRepository.exact and the forgiving probes' exact branches ask them. */
    private static final String EXACT = "SELECT contact_point_id FROM child_search WHERE family_key = ANY "
            + "('{okafor,okafore}'::text[]) AND date_of_birth = ANY ('{2016-03-14,2016-01-04}'::date[]) LIMIT 50";
    private static final String TYPO = "SELECT contact_point_id FROM child_search WHERE lower(family_key) % 'okafro' "
            + "AND date_of_birth = ANY ('{2016-03-14}'::date[]) LIMIT 50";

    @Inject
    DataSource dataSource;

    @Test
    void noIndexButTheExactOneCanAnswerAFamilyKeyAskedForExactly() throws SQLException {
        // With the B-tree out of the way (in a transaction rolled back) and scans of the whole table ruled out, the
        // planner shows every other index that could take the family key as a condition: none may.
        List<String> plan = explain(true, EXACT);
        assertThat(plan).as("plan without child_search_exact:%n%s", String.join("\n", plan))
                .noneMatch(line -> line.contains("Index Cond") && line.contains("family_key"));
    }

    @Test
    void theTypoProbeIsStillServedByTheTypoIndex() throws SQLException {
        List<String> plan = explain(false, TYPO);
        assertThat(String.join("\n", plan)).as("the typo probe's plan")
                .contains("child_search_typo_lower").containsPattern("Index Cond: .*lower\\(family_key\\) %");
    }

    private List<String> explain(boolean withoutExactIndex, String query) throws SQLException {
        List<String> plan = new ArrayList<>();
        try (Connection connection = dataSource.getConnection(); Statement sql = connection.createStatement()) {
            connection.setAutoCommit(false);
            try {
                sql.execute("SET LOCAL enable_seqscan = off");
                if (withoutExactIndex) {
                    sql.execute("DROP INDEX child_search_exact");
                }
                try (ResultSet rows = sql.executeQuery("EXPLAIN " + query)) {
                    while (rows.next()) {
                        plan.add(rows.getString(1));
                    }
                }
            } finally {
                connection.rollback();
            }
        }
        return plan;
    }
}
