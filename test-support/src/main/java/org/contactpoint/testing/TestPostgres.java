package org.contactpoint.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real PostgreSQL 15 server for one test JVM. Tries zonky's embedded binaries first (independent of what the
 * machine has installed); where that fails (e.g. user namespaces are not allowed for a root user), falls back to
 * Debian's own binaries run as the {@code postgres} user.
 */
public final class TestPostgres implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(TestPostgres.class);

    private final String jdbcUrl;
    private final AutoCloseable server;

    private TestPostgres(String jdbcUrl, AutoCloseable server) {
        this.jdbcUrl = jdbcUrl;
        this.server = server;
    }

    public static TestPostgres start() {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
            if (Boolean.getBoolean("probe.pgss")) {
                // A cost probe's statement-level account; the suite never loads it.
                builder.setServerConfig("shared_preload_libraries", "pg_stat_statements");
            }
            EmbeddedPostgres embedded = builder
                    .setPGStartupWait(Duration.ofSeconds(30))
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("full_page_writes", "off")
                    .setServerConfig("max_connections", "200")
                    .start();
            // zonky's URL carries ?user=postgres, which would beat any other user a test logs in as: drop it.
            String url = embedded.getJdbcUrl("postgres", "postgres").replaceFirst("\\?.*$", "");
            return new TestPostgres(url, embedded);
        } catch (Exception | Error zonkyFailure) {
            LOG.warnf("embedded PostgreSQL failed (%s); falling back to the Debian binaries", zonkyFailure.getMessage());
            try {
                return startDebian();
            } catch (Exception debianFailure) {
                debianFailure.addSuppressed(zonkyFailure);
                throw new IllegalStateException("No PostgreSQL could be started for the tests", debianFailure);
            }
        }
    }

    public String jdbcUrl() {
        return jdbcUrl;
    }

    public String username() {
        return "postgres";
    }

    public String password() {
        return "postgres";
    }

    @Override
    public void close() throws Exception {
        server.close();
    }

    private static TestPostgres startDebian() throws Exception {
        Path bin;
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            bin = versions.sorted(Comparator.reverseOrder()).map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("initdb"))).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no /usr/lib/postgresql/*/bin/initdb"));
        }
        Path dir = Files.createTempDirectory("contactpoint-test-pg");
        Path data = dir.resolve("data");
        run("chown", "-R", "postgres:postgres", dir.toString());
        run("chmod", "755", dir.toString());
        int port = freePort();
        asPostgres(bin.resolve("initdb") + " -A trust -U postgres -E UTF8 -D " + data);
        asPostgres(bin.resolve("pg_ctl") + " -D " + data + " -w -t 60 -l " + dir.resolve("pg.log")
                + " -o \"-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off"
                + " -c synchronous_commit=off -c max_connections=200\" start");
        String url = "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
        waitUntilAccepting(url);
        return new TestPostgres(url, () -> asPostgres(bin.resolve("pg_ctl") + " -D " + data + " -m fast stop"));
    }

    private static void asPostgres(String command) throws Exception {
        run("runuser", "-u", "postgres", "--", "sh", "-c", command);
    }

    private static void run(String... command) throws Exception {
        List<String> args = new ArrayList<>(List.of(command));
        Process process = new ProcessBuilder(args).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", args) + " failed: " + output);
        }
    }

    private static void waitUntilAccepting(String url) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try (Connection ignored = DriverManager.getConnection(url, "postgres", "postgres")) {
                return;
            } catch (SQLException e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("PostgreSQL did not accept connections at " + url, e);
                }
                Thread.sleep(200);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
