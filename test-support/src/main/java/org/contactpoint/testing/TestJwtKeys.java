package org.contactpoint.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * A test key pair generated once per test JVM and written to temporary files (never committed). The paths travel in
 * system properties, which every class loader in the JVM sees, so the test resource and the tests agree on the key.
 */
public final class TestJwtKeys {

    public static final String ISSUER = "https://contactpoint.test";
    public static final String AUDIENCE = "contactpoint";

    private static final String PUBLIC_KEY_PROPERTY = "contactpoint.test.jwt.public-key";
    private static final String PRIVATE_KEY_PROPERTY = "contactpoint.test.jwt.private-key";

    private TestJwtKeys() {
    }

    /** The PEM file holding the public key services verify tokens with. */
    public static synchronized Path publicKeyFile() {
        ensureGenerated();
        return Path.of(System.getProperty(PUBLIC_KEY_PROPERTY));
    }

    /** The public key of the pair, as the test JWKS ({@link TestJwks}) publishes it. */
    public static synchronized PublicKey publicKey() {
        String pem;
        try {
            pem = Files.readString(publicKeyFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", ""));
            return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
        } catch (Exception e) {
            throw new IllegalStateException("Unreadable test public key", e);
        }
    }

    public static synchronized PrivateKey privateKey() {
        ensureGenerated();
        try {
            byte[] der = Files.readAllBytes(Path.of(System.getProperty(PRIVATE_KEY_PROPERTY)));
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("Unreadable test private key", e);
        }
    }

    private static void ensureGenerated() {
        if (System.getProperty(PUBLIC_KEY_PROPERTY) != null) {
            return;
        }
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            Path dir = Files.createTempDirectory("contactpoint-test-jwt");
            dir.toFile().deleteOnExit();
            Path publicKey = dir.resolve("public.pem");
            Path privateKey = dir.resolve("private.der");
            Files.writeString(publicKey, "-----BEGIN PUBLIC KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(pair.getPublic().getEncoded())
                    + "\n-----END PUBLIC KEY-----\n");
            Files.write(privateKey, pair.getPrivate().getEncoded());
            publicKey.toFile().deleteOnExit();
            privateKey.toFile().deleteOnExit();
            System.setProperty(PUBLIC_KEY_PROPERTY, publicKey.toString());
            System.setProperty(PRIVATE_KEY_PROPERTY, privateKey.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
