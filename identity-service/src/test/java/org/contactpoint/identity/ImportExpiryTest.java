package org.contactpoint.identity;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.contactpoint.identity.application.RegisterChild;
import org.contactpoint.identity.application.SourceRecordImports;
import org.contactpoint.support.domain.Gone;
import org.contactpoint.support.security.Caller;
import org.contactpoint.testing.RealInfrastructure;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An import whose upload stopped arriving (its client died mid-upload) expires with a clear state instead of staying
 * RECEIVING for ever; what it had staged is dropped, and it takes no more lines. The tests' receiving timeout is 0 and
 * the expiry job is off: the test expires imports itself, once its upload has stopped.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class ImportExpiryTest {

    private final SourceRecordImports imports;

    ImportExpiryTest(SourceRecordImports imports) {
        this.imports = imports;
    }

    @Test
    void anImportWhoseUploadStopsArrivingExpiresAndTakesNoMoreLines() {
        Caller feed = new Caller("health-feed", "health-feed", Set.of("feed-system"), null, null, null);
        UUID importId = imports.open(feed, "NDJSON");
        imports.stage(importId, List.of(line(1), line(2)));
        assertThat(text("SELECT state FROM source_record_import WHERE id = ?", importId)).isEqualTo("RECEIVING");

        assertThat(imports.expireAbandoned()).isGreaterThanOrEqualTo(1);

        assertThat(text("SELECT state FROM source_record_import WHERE id = ?", importId)).isEqualTo("EXPIRED");
        assertThat(text("SELECT failure FROM source_record_import WHERE id = ?", importId))
                .contains("stopped arriving");
        assertThat(text("SELECT string_agg(DISTINCT state, ',') FROM source_record_import_line WHERE import_id = ?",
                importId)).isEqualTo("DROPPED");
        assertThatThrownBy(() -> imports.stage(importId, List.of(line(3)))).isInstanceOf(Gone.class);
        assertThatThrownBy(() -> imports.received(importId, 3, feed)).isInstanceOf(Gone.class);
        assertThat(text("SELECT count(*) FROM source_record_import_line WHERE import_id = ?", importId))
                .isEqualTo("2");
    }

    private static SourceRecordImports.Line line(long number) {
        return new SourceRecordImports.Line(number, new RegisterChild("Ottoline", "Expiry" + number,
                LocalDate.of(2014, 2, 3), null, null, Scenario.LA, null, "EXPIRY_TEST", "E-" + UUID.randomUUID(),
                null, null, null, null, null, null), null);
    }

    private static String text(String sql, UUID importId) {
        try (Connection c = DriverManager.getConnection(RealInfrastructure.jdbcUrl(), "postgres", "postgres");
             PreparedStatement statement = c.prepareStatement(sql)) {
            statement.setObject(1, importId);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
