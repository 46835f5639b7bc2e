package org.contactpoint.gateway.service;

import io.quarkus.logging.Log;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.contactpoint.events.audit.AuditEvent;
import org.contactpoint.gateway.config.DemoConfig;
import org.contactpoint.gateway.config.GatewayConfig;
import org.contactpoint.gateway.security.DemoUser;
import org.contactpoint.support.audit.AuditTrail;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The local run's sign-in: choose a demo user, get a token signed with the local key. Off (every call empty) unless
 * both the signing key and the demo users file are configured, which only {@code deploy/local/up} does.
 */
@ApplicationScoped
public class DemoSignIn {

    private static final Duration LIFETIME = Duration.ofHours(8);

    private final Optional<PrivateKey> key;
    private final List<DemoUser> users;
    private final String issuer;
    private final String audience;
    private final AuditTrail audit;
    private final Clock clock;

    public DemoSignIn(DemoConfig demo, GatewayConfig gateway, AuditTrail audit, Clock clock,
                      @ConfigProperty(name = "mp.jwt.verify.issuer") String issuer,
                      @ConfigProperty(name = "mp.jwt.verify.audiences") List<String> audiences) {
        this.audit = audit;
        this.clock = clock;
        this.issuer = issuer;
        this.audience = audiences.get(0);
        Optional<PrivateKey> loaded = Optional.empty();
        List<DemoUser> read = List.of();
        if (demo.signKeyLocation().isPresent() && gateway.demoUsersFile().isPresent()) {
            try {
                loaded = Optional.of(readKey(Path.of(demo.signKeyLocation().get())));
                read = Files.readAllLines(Path.of(gateway.demoUsersFile().get()), StandardCharsets.UTF_8).stream()
                        .map(DemoUser::parse).flatMap(Optional::stream).toList();
                Log.warnf("Demo sign-in is ON (%d demo users): for the local run only", read.size());
            } catch (IOException | RuntimeException e) {
                Log.errorf("Demo sign-in is off: cannot read its key or users file (%s)", e.getMessage());
                loaded = Optional.empty();
                read = List.of();
            }
        }
        this.key = loaded;
        this.users = read;
    }

    public boolean enabled() {
        return key.isPresent();
    }

    public List<DemoUser> users() {
        return enabled() ? users : List.of();
    }

    /** A token for the demo user; the sign-in is audited as that user. Empty when off or the user is unknown. */
    @Transactional
    public Optional<String> signIn(String username) {
        Optional<DemoUser> user = users().stream().filter(u -> u.username().equals(username)).findFirst();
        if (user.isEmpty()) {
            return Optional.empty();
        }
        DemoUser u = user.get();
        JwtClaimsBuilder claims = Jwt.issuer(issuer).audience(audience).subject(u.username()).upn(u.username())
                .preferredUserName(u.username()).groups(new HashSet<>(u.roles())).claim("name", u.displayName())
                .claim("jti", UUID.randomUUID().toString()).expiresIn(LIFETIME);
        if (u.organisation() != null) {
            claims.claim("org", u.organisation());
        }
        if (u.organisationCode() != null) {
            claims.claim("org_code", u.organisationCode());
        }
        if (u.localAuthority() != null) {
            claims.claim("la", u.localAuthority());
        }
        audit.record(new AuditEvent(UUID.randomUUID().toString(), clock.instant(), LookupService.SERVICE,
                new AuditEvent.Actor(u.username(), u.displayName(), List.copyOf(u.roles()), u.organisation(),
                        u.organisationCode(), u.localAuthority()),
                "DEMO_SIGN_IN", "SUCCESS", null, Map.of("username", u.username()), List.of(), 0, null, false,
                List.of()));
        return Optional.of(claims.jws().sign(key.get()));
    }

    /** PEM (PKCS#8, as deploy/local/keys.sh writes it) or raw DER. */
    private static PrivateKey readKey(Path file) throws IOException {
        byte[] content = Files.readAllBytes(file);
        String text = new String(content, StandardCharsets.US_ASCII);
        byte[] der = text.contains("-----BEGIN")
                ? Base64.getMimeDecoder().decode(text.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", ""))
                : content;
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (Exception e) {
            throw new IOException("not an RSA PKCS#8 private key: " + file, e);
        }
    }
}
