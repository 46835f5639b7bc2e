package org.contactpoint.support.security;

import org.eclipse.microprofile.jwt.Claims;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ClaimsPrincipalTest {

    private static JwtClaims claims() {
        JwtClaims claims = new JwtClaims();
        claims.setSubject("hv-4471");
        claims.setClaim("name", "Ada Okafor");
        claims.setClaim("org", "Islington Health Visiting");
        claims.setClaim("org_code", "RKE01");
        claims.setClaim("la", "E09000019");
        claims.setStringListClaim("groups", List.of("practitioner"));
        claims.setIssuedAtToNow();
        claims.setExpirationTimeMinutesInTheFuture(5);
        return claims;
    }

    @Test
    void theCallerIsReadFromOurOwnClaimsAsSmallRyeReadsThem() {
        ClaimsPrincipalFactory.ClaimsPrincipal token = new ClaimsPrincipalFactory.ClaimsPrincipal("JWT", claims());

        assertThat(Caller.from(token)).isEqualTo(new Caller("hv-4471", "Ada Okafor", Set.of("practitioner"),
                "Islington Health Visiting", "RKE01", "E09000019"));
        assertThat(token.<String>claim("system")).isEmpty();
    }

    @Test
    void standardClaimsKeepTheirTypes() {
        // The standard's claims are typed by name (exp and iat as numbers, groups as a set): a claim-type lookup that
        // missed them would answer jose4j's raw values instead.
        ClaimsPrincipalFactory.ClaimsPrincipal token = new ClaimsPrincipalFactory.ClaimsPrincipal("JWT", claims());

        assertThat(token.<Object>getClaim(Claims.exp.name())).isInstanceOf(Long.class);
        assertThat(token.<Object>getClaim(Claims.iat.name())).isInstanceOf(Long.class);
        assertThat(token.<Object>getClaim(Claims.groups.name())).isInstanceOf(Set.class);
        assertThat(token.getExpirationTime()).isGreaterThan(token.getIssuedAtTime());
    }
}
