package org.contactpoint.support.security;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TokenMinterTest {

    @Test
    void theKeyIdIsKeycloaksForTheSameKeyAndTheTokenNamesIt() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        // Keycloak: base64url (unpadded) of the SHA-256 of the public key's X.509 encoding.
        String expected = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(MessageDigest.getInstance("SHA-256").digest(pair.getPublic().getEncoded()));

        String kid = TokenMinter.keyIdOf(pair.getPrivate());
        String token = new TokenMinter("https://issuer.test", "contactpoint", pair.getPrivate(), kid)
                .mint(new TokenMinter.Subject("teacher", null, List.of("practitioner"), null, null, null),
                        Duration.ofMinutes(1));

        assertThat(kid).isEqualTo(expected);
        String header = new String(Base64.getUrlDecoder().decode(token.split("\\.")[0]), StandardCharsets.UTF_8);
        assertThat(header).contains("\"kid\":\"" + expected + "\"");
    }
}
