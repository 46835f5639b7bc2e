package org.contactpoint.support.security;

import org.contactpoint.events.audit.AuditEvent;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The person or system making a request, as their token states it: who, with which roles, for which organisation
 * and local authority. Claims: {@code sub}, {@code name}, {@code groups}, {@code org}, {@code org_code}, {@code la}.
 */
public record Caller(String userId, String name, Set<String> roles, String organisation, String organisationCode,
                     String localAuthority) {

    public static Caller from(JsonWebToken token) {
        return new Caller(
                Optional.ofNullable(token.getSubject()).orElse(token.getName()),
                token.<String>claim("name").orElse(null),
                token.getGroups() == null ? Set.of() : Set.copyOf(token.getGroups()),
                token.<String>claim("org").orElse(null),
                token.<String>claim("org_code").orElse(null),
                token.<String>claim("la").orElse(null));
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    public AuditEvent.Actor toActor() {
        return new AuditEvent.Actor(userId, name, List.copyOf(new java.util.TreeSet<>(roles)), organisation,
                organisationCode, localAuthority);
    }
}
