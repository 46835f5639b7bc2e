package org.contactpoint.gateway.application;

import io.quarkus.logging.Log;
import io.quarkus.runtime.LaunchMode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.contactpoint.events.audit.AuditEvent;
import org.contactpoint.gateway.config.DemoConfig;
import org.contactpoint.gateway.config.GatewayConfig;
import org.contactpoint.gateway.security.DemoUser;
import org.contactpoint.gateway.security.Roles;
import org.contactpoint.support.audit.AuditEvents;
import org.contactpoint.support.audit.AuditTrail;
import org.contactpoint.support.security.TokenMinter;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The local run's sign-in: choose a demo user, get a token signed with the local key. Off (every call empty) unless
 * both the signing key and the demo users file are configured, which only {@code deploy/local/up} does, and the
 * tokens the service accepts are the local run's ({@code mp.jwt.verify.issuer} is its Keycloak realm): a
 * production mistakenly given a key and a users file still mints nothing. It never mints for the roles that run the
 * service or see sealed records ({@link #UNMINTABLE_ROLES}): those users are left out of the list.
 */
@ApplicationScoped
public class DemoSignIn {

    private static final Duration LIFETIME = Duration.ofHours(8);

    /** The issuer of the local run's tokens ({@code deploy/local}); no shared environment uses it. */
    public static final String LOCAL_ISSUER = "https://contactpoint.local";
    /**
     * The local run's Keycloak realm ({@code deploy/local/keycloak.sh}) on the loopback address over plain HTTP; it
     * signs with the local key pair the demo sign-in signs with. No shared environment's issuer looks like it.
     */
    private static final Pattern LOCAL_KEYCLOAK =
            Pattern.compile("http://(127\\.0\\.0\\.1|localhost):[0-9]{1,5}/realms/contactpoint");
    /** Roles a demo token is never minted for, whatever the users file says. */
    public static final List<String> UNMINTABLE_ROLES = List.of(Roles.ADMINISTRATOR, Roles.SEALED_RECORDS);

    private final Optional<TokenMinter> minter;
    private final List<DemoUser> users;
    private final AuditTrail audit;
    private final AuditEvents events;

    public DemoSignIn(DemoConfig demo, GatewayConfig gateway, AuditTrail audit, AuditEvents events,
                      @ConfigProperty(name = "mp.jwt.verify.issuer") String issuer,
                      @ConfigProperty(name = "mp.jwt.verify.audiences") List<String> audiences) {
        this.audit = audit;
        this.events = events;
        Optional<TokenMinter> loaded = Optional.empty();
        List<DemoUser> read = List.of();
        boolean configured = demo.signKeyLocation().isPresent() && gateway.demoUsersFile().isPresent();
        if (configured && !issuerAllowsMinting(issuer, LaunchMode.current())) {
            Log.errorf("Demo sign-in is off: the token issuer is %s, not the local run's %s", issuer, LOCAL_ISSUER);
        } else if (configured) {
            try {
                loaded = Optional.of(new TokenMinter(issuer, audiences.get(0),
                        TokenMinter.readPrivateKey(Path.of(demo.signKeyLocation().get())), null));
                read = Files.readAllLines(Path.of(gateway.demoUsersFile().get()), StandardCharsets.UTF_8).stream()
                        .map(DemoUser::parse).flatMap(Optional::stream).filter(DemoSignIn::mintable).toList();
                Log.warnf("Demo sign-in is ON (%d demo users): for the local run only", read.size());
            } catch (IOException | RuntimeException e) {
                Log.errorf("Demo sign-in is off: cannot read its key or users file (%s)", e.getMessage());
                loaded = Optional.empty();
                read = List.of();
            }
        }
        this.minter = loaded;
        this.users = read;
    }

    /**
     * Whether demo tokens may be minted for a service that accepts tokens from this issuer: only the local run's
     * issuer (its Keycloak realm), or any in Quarkus's test launch mode (the component tests' keys are generated at
     * test time).
     */
    public static boolean issuerAllowsMinting(String issuer, LaunchMode mode) {
        return LOCAL_ISSUER.equals(issuer) || (issuer != null && LOCAL_KEYCLOAK.matcher(issuer).matches())
                || mode == LaunchMode.TEST;
    }

    /** A demo user a token may be minted for: none of the {@link #UNMINTABLE_ROLES}. */
    public static boolean mintable(DemoUser user) {
        return user.roles().stream().noneMatch(UNMINTABLE_ROLES::contains);
    }

    public boolean enabled() {
        return minter.isPresent();
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
        audit.record(events.by(new AuditEvent.Actor(u.username(), u.displayName(), List.copyOf(u.roles()),
                        u.organisation(), u.organisationCode(), u.localAuthority()), "DEMO_SIGN_IN")
                .query(Map.of("username", u.username())).build());
        return Optional.of(minter.get().mint(new TokenMinter.Subject(u.username(), u.displayName(), u.roles(),
                u.organisation(), u.organisationCode(), u.localAuthority()), LIFETIME));
    }
}
