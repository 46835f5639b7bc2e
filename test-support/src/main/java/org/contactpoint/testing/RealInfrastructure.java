package org.contactpoint.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import org.jboss.logging.Logger;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Starts a real PostgreSQL and a real Kafka broker (in parallel) for a service's {@code @QuarkusTest}s and points the
 * service at them, with JWTs verified by the test issuer's JSON Web Key Set ({@link TestJwks}). Every test class in a
 * module uses this one resource, unchanged, so Quarkus boots once per module.
 */
public class RealInfrastructure implements QuarkusTestResourceLifecycleManager {

    private static final Logger LOG = Logger.getLogger(RealInfrastructure.class);

    private TestPostgres postgres;
    private TestKafka kafka;

    @Override
    public Map<String, String> start() {
        CompletableFuture<TestPostgres> pg = CompletableFuture.supplyAsync(TestPostgres::start);
        CompletableFuture<TestKafka> broker = CompletableFuture.supplyAsync(TestKafka::start);
        postgres = pg.join();
        kafka = broker.join();
        System.setProperty("contactpoint.test.kafka", kafka.bootstrapServers());
        System.setProperty("contactpoint.test.jdbc-url", postgres.jdbcUrl());

        Map<String, String> config = new HashMap<>();
        config.put("quarkus.datasource.jdbc.url", postgres.jdbcUrl());
        config.put("quarkus.datasource.username", postgres.username());
        config.put("quarkus.datasource.password", postgres.password());
        config.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        // Verified by the test issuer's JWKS, fetched and cached by kid as in production (an identity provider's).
        config.put("mp.jwt.verify.publickey.location", TestJwks.url());
        // A token naming an unknown kid fetches the key set again at once: in production at most once a minute (a guard
        // against a flood of made-up kids), here every time, as tests publish keys and send unknown kids in any order.
        config.put("smallrye.jwt.jwks.forced-refresh-interval", "0");
        config.put("mp.jwt.verify.issuer", TestJwtKeys.ISSUER);
        // The key pair exists before any service starts, so configuration naming its files (the gateway's demo
        // sign-in key, ${contactpoint.test.jwt.private-key}) resolves whichever test class happens to start it first.
        TestJwtKeys.publicKeyFile();
        // The audience is not overridden: the tests' tokens carry the production audience, so the service's own
        // mp.jwt.verify.audiences is what refuses a token meant for another system.
        return config;
    }

    @Override
    public void stop() {
        closeQuietly(kafka);
        closeQuietly(postgres);
    }

    /** The test broker's address, for tests that produce or consume directly. */
    public static String kafkaBootstrapServers() {
        return System.getProperty("contactpoint.test.kafka");
    }

    /** The test database's JDBC URL (user and password {@code postgres}), for tests that inspect or tamper with rows. */
    public static String jdbcUrl() {
        return System.getProperty("contactpoint.test.jdbc-url");
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            LOG.warnf("could not stop %s: %s", closeable, e.getMessage());
        }
    }
}
