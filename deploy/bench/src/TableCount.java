import java.io.IOException;

/**
 * A service table's rows, as the bench follows a load or a feed into it: cheap while it grows, exact when it matters.
 * <p>
 * An exact {@code count(*)} reads the whole table (or its primary key and every page not yet all-visible): at 1 M
 * children the gateway's {@code child} took 2.4 s and 909,525 buffer reads, and the bench asked every second, so the
 * bench's own counting was a large share of the PostgreSQL CPU it reported per child, and grew with the register
 * (session 18). So while a table grows the bench reads the rows the statistics count ({@code n_tup_ins - n_tup_del}
 * in {@code pg_stat_user_tables}: one row, however large the table), and counts the rows themselves only once the
 * statistics say they are there or have stopped moving: a backend reports its counts when a transaction ends, at most
 * once a second, and an idle one up to 10 s later, so at the end of a load the statistics trail the rows.
 */
final class TableCount {

    private static final long STILL_NANOS = 1_500_000_000L;

    private final String psqlAs;
    private final String database;
    private final String table;
    private long growingBase;
    private long exactBase;
    private long lastGrowing = Long.MIN_VALUE;
    private long lastMoved;

    private TableCount(String psqlAs, String database, String table) {
        this.psqlAs = psqlAs;
        this.database = database;
        this.table = table;
    }

    /** {@code --NAME "DATABASE TABLE"}, read with the {@code --psql-as} script, counted from now. */
    static TableCount of(Bench bench, String name) throws IOException, InterruptedException {
        String[] parts = bench.arg(name).trim().split("\\s+");
        if (parts.length != 2 || !parts[1].matches("[a-z_]+")) {
            throw new IllegalArgumentException("--" + name + " takes \"DATABASE TABLE\", not " + bench.arg(name));
        }
        TableCount count = new TableCount(bench.arg("psql-as"), parts[0], parts[1]);
        count.growingBase = count.growing();
        count.exactBase = count.exact();
        count.lastMoved = System.nanoTime();
        return count;
    }

    /** The rows there were when counting began. */
    long base() {
        return exactBase;
    }

    /**
     * The rows added since counting began: as the statistics count them while they are short of {@code target} and
     * moving, the rows themselves otherwise.
     */
    long added(long target) throws IOException, InterruptedException {
        long growing = growing() - growingBase;
        long now = System.nanoTime();
        if (growing != lastGrowing) {
            lastGrowing = growing;
            lastMoved = now;
        }
        if (growing >= target || now - lastMoved > STILL_NANOS) {
            return exact() - exactBase;
        }
        return growing;
    }

    /** The rows added since counting began, counted one by one. */
    long addedExactly() throws IOException, InterruptedException {
        return exact() - exactBase;
    }

    private long growing() throws IOException, InterruptedException {
        return Bench.number(psqlAs + " " + database + " 'SELECT coalesce(sum(n_tup_ins - n_tup_del), 0) FROM"
                + " pg_stat_user_tables WHERE schemaname = $$public$$ AND relname = $$" + table + "$$'");
    }

    private long exact() throws IOException, InterruptedException {
        return Bench.number(psqlAs + " " + database + " 'SELECT count(*) FROM " + table + "'");
    }
}
