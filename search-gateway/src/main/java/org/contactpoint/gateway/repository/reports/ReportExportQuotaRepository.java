package org.contactpoint.gateway.repository.reports;

import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;

/** Bulk exports per local authority per day ({@code local_authority_report_export}), shared by every instance. */
@ApplicationScoped
public class ReportExportQuotaRepository {

    /* One statement: counts the export only while the day's count is under the limit (no row back: used up). */
    private static final String TAKE = """
            INSERT INTO local_authority_report_export AS e (local_authority, export_day, exports) VALUES (?, ?, 1)
            ON CONFLICT (local_authority, export_day) DO UPDATE SET exports = e.exports + 1 WHERE e.exports < ?
            RETURNING exports
            """;

    private final DataSource dataSource;

    public ReportExportQuotaRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Counts one export for the authority on the day; false when the day's limit is already reached. */
    public boolean take(String localAuthority, LocalDate day, int limit) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement take = connection.prepareStatement(TAKE)) {
            take.setString(1, localAuthority);
            take.setDate(2, Date.valueOf(day));
            take.setInt(3, limit);
            try (ResultSet counted = take.executeQuery()) {
                return counted.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not count an export", e);
        }
    }

    /** Gives back an export that was not made (its audit record was not acknowledged). */
    public void giveBack(String localAuthority, LocalDate day) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement giveBack = connection.prepareStatement("""
                     UPDATE local_authority_report_export SET exports = exports - 1
                     WHERE local_authority = ? AND export_day = ? AND exports > 0""")) {
            giveBack.setString(1, localAuthority);
            giveBack.setDate(2, Date.valueOf(day));
            giveBack.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not give an export back", e);
        }
    }
}
