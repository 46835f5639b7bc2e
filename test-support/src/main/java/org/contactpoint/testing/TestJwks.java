package org.contactpoint.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.lang.JoseException;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.List;
import java.util.stream.Stream;

/**
 * The test issuer's JSON Web Key Set, served over HTTP on a random loopback port as an identity provider serves its
 * own ({@code /jwks}, and {@code /.well-known/openid-configuration} naming it), so the services verify the tests'
 * tokens exactly as they verify Keycloak's, CIS2's or Entra ID's: by {@code kid} from a JWKS they fetch, cache and
 * refresh. It always holds the test key ({@link TestJwtKeys}, kid {@value #TEST_KID}); a test may publish another key
 * for a while ({@link #publish}) to play a key rotation. One server per test JVM: the test resource and the tests run
 * in different class loaders, so the URL and the published keys travel through a system property and files, as
 * {@link TestJwtKeys}'s do.
 */
public final class TestJwks {

    /** The {@code kid} of the test key, which {@link TestTokens} puts in every token's header. */
    public static final String TEST_KID = "test";
    private static final String URL_PROPERTY = "contactpoint.test.jwt.jwks-url";
    private static final String PUBLISHED_PROPERTY = "contactpoint.test.jwt.published-keys";

    private static HttpServer server;

    private TestJwks() {
    }

    /** The URL of the key set ({@code mp.jwt.verify.publickey.location}); starts the server on first use. */
    public static synchronized String url() {
        String known = System.getProperty(URL_PROPERTY);
        if (known != null) {
            return known;
        }
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        server.createContext("/jwks", exchange -> answer(exchange, keySet()));
        server.createContext("/.well-known/openid-configuration", exchange -> answer(exchange,
                "{\"issuer\":\"" + TestJwtKeys.ISSUER + "\",\"jwks_uri\":\"" + base + "/jwks\"}"));
        server.setExecutor(null);
        server.start();
        String url = base + "/jwks";
        System.setProperty(URL_PROPERTY, url);
        return url;
    }

    /**
     * Publishes a fresh key pair under {@code kid} beside the test key, as an identity provider does before it signs
     * with a new key; {@link Rotation#close()} withdraws it again.
     */
    public static Rotation publish(String kid) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            Files.write(publishedKeys().resolve(kid + ".der"), pair.getPublic().getEncoded());
            return new Rotation(kid, pair);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A key published for a test: sign tokens with {@link #keyPair()} and {@link #kid()}, then close. */
    public record Rotation(String kid, KeyPair keyPair) implements AutoCloseable {
        @Override
        public void close() {
            try {
                Files.deleteIfExists(publishedKeys().resolve(kid + ".der"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static String keySet() {
        try {
            JsonWebKeySet set = new JsonWebKeySet(List.of(jwk(TEST_KID, TestJwtKeys.publicKey())));
            try (Stream<Path> files = Files.list(publishedKeys())) {
                for (Path file : files.sorted().toList()) {
                    String kid = file.getFileName().toString().replaceFirst("\\.der$", "");
                    set.addJsonWebKey(jwk(kid, KeyFactory.getInstance("RSA")
                            .generatePublic(new X509EncodedKeySpec(Files.readAllBytes(file)))));
                }
            }
            return set.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (JoseException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static synchronized Path publishedKeys() throws IOException {
        String known = System.getProperty(PUBLISHED_PROPERTY);
        if (known != null) {
            return Path.of(known);
        }
        Path dir = Files.createTempDirectory("contactpoint-test-jwks");
        dir.toFile().deleteOnExit();
        System.setProperty(PUBLISHED_PROPERTY, dir.toString());
        return dir;
    }

    private static JsonWebKey jwk(String kid, PublicKey key) throws JoseException {
        RsaJsonWebKey jwk = new RsaJsonWebKey((RSAPublicKey) key);
        jwk.setKeyId(kid);
        jwk.setAlgorithm("RS256");
        jwk.setUse("sig");
        return jwk;
    }

    private static void answer(HttpExchange exchange, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
