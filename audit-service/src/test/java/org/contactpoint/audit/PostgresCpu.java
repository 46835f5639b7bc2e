package org.contactpoint.audit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

/** The probes' measure of the test's PostgreSQL: CPU time of the postmaster and its children, from /proc. */
final class PostgresCpu {

    private PostgresCpu() {
    }

    /** CPU time in ns (user and system) of the postmaster and its live children; -1 when it cannot be read. */
    static long nanos() {
        try (Connection connection = Fixtures.superuser(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery(
                     "SELECT pid FROM pg_stat_activity WHERE backend_type = 'checkpointer'")) {
            if (!row.next()) {
                return -1;
            }
            // The checkpointer's parent is the postmaster.
            String postmaster = stat(row.getString(1))[1];
            long ticks = 0;
            try (var processes = Files.list(Path.of("/proc"))) {
                for (Path process : processes.toList()) {
                    String pid = process.getFileName().toString();
                    if (!pid.chars().allMatch(Character::isDigit)) {
                        continue;
                    }
                    String[] stat = stat(pid);
                    if (stat != null && (pid.equals(postmaster) || postmaster.equals(stat[1]))) {
                        ticks += Long.parseLong(stat[11]) + Long.parseLong(stat[12]);
                    }
                }
            }
            return ticks * 10_000_000L; // USER_HZ 100
        } catch (Exception e) {
            return -1;
        }
    }

    /**
     * /proc/&lt;pid&gt;/stat's fields after the command name (which may hold spaces): [0] state, [1] parent,
     * [11] utime, [12] stime; null when the process has gone.
     */
    private static String[] stat(String pid) {
        try {
            String text = Files.readString(Path.of("/proc", pid, "stat"));
            return text.substring(text.lastIndexOf(')') + 2).split(" ");
        } catch (Exception e) {
            return null;
        }
    }
}
