package org.contactpoint.audit;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.contactpoint.events.Topics;
import org.contactpoint.testing.ConsumerCost;
import org.contactpoint.testing.RealInfrastructure;
import org.contactpoint.testing.TestKafkaClient;
import org.contactpoint.testing.population.ChildFeed;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;

/**
 * audit-service's cost per child of identity.children.v1 at national density (issue 17), as a diagnostic, not a test:
 * surefire does not run it; run it alone:
 * <pre>
 * ./mvnw -q -B -pl audit-service -am verify -Dsurefire.failIfNoSpecifiedTests=false -Dtest=ChildFeedCostProbe \
 *     [-Dprobe.children=20000 -Dprobe.rounds=3 -Dprobe.rate=1000]
 * </pre>
 * Each round publishes that many registrations ({@link ChildFeed}: names, former names, addresses, carers, NHS number
 * and source id) to the real broker and waits until its child profiles hold them all, then prints the JVM's, the
 * consumer threads' and PostgreSQL's CPU per child and the rows written per child by table. The first round warms
 * the JVM; compare the later ones. Published at {@code probe.rate} a second, the polls are the size a steady feed
 * gives (the bench's identity publishes about 500 a second); at 0 all at once, in polls of 500.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class ChildFeedCostProbe {

    private final int children = Integer.getInteger("probe.children", 20_000);
    private final int rounds = Integer.getInteger("probe.rounds", 3);
    /** Children published a second (about the bench's end-to-end rate); 0 publishes them all at once. */
    private final int rate = Integer.getInteger("probe.rate", 1000);

    @Test
    void costPerChild() throws Exception {
        jdk.jfr.Recording recording = null;
        for (int round = 0; round < rounds; round++) {
            int run = 900 + round;
            List<TestKafkaClient.Outgoing> feed = ChildFeed.registrations(children, run, 17L + round);
            String prefix = ChildFeed.contactPointId(run, 0).substring(0, 5) + "%";
            if (round == 1 && System.getProperty("probe.jfr") != null) {
                // The rounds after the first, profiled: -Dprobe.jfr=/tmp/where.jfr
                recording = new jdk.jfr.Recording(jdk.jfr.Configuration.getConfiguration("profile"));
                recording.setDestination(java.nio.file.Path.of(System.getProperty("probe.jfr") + "-"
                        + getClass().getPackageName().substring(getClass().getPackageName().lastIndexOf('.') + 1) + ".jfr"));
                recording.start();
            }
            ConsumerCost cost = ConsumerCost.start();
            if (rate > 0) {
                TestKafkaClient.sendPaced(Topics.IDENTITY_CHILDREN, feed, rate);
            } else {
                TestKafkaClient.sendAll(Topics.IDENTITY_CHILDREN, feed);
            }
            cost.until("audit-service round " + round + " at " + rate + "/s", feed.size(), Duration.ofMinutes(20),
                    () -> held(prefix) == feed.size());
        }
        if (recording != null) {
            recording.stop();
            recording.close();
        }
    }

    private static long held(String prefix) {
        try (Connection connection = DriverManager.getConnection(RealInfrastructure.jdbcUrl(), "postgres",
                "postgres");
             PreparedStatement count = connection.prepareStatement(
                     "SELECT count(*) FROM child_profile WHERE child_id LIKE ?")) {
            count.setString(1, prefix);
            try (ResultSet row = count.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
