package org.contactpoint.audit;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;
import org.contactpoint.audit.domain.AccountDirectory;
import org.contactpoint.support.domain.Conflict;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The identity provider's directory for the module's tests, which run without Keycloak: what it was told, per user.
 * The real adapter, KeycloakDirectory, is tested against Keycloak itself (KeycloakDirectoryTest, run by test-all).
 */
@Alternative
@Priority(1)
@Singleton
public class DirectoryInMemory implements AccountDirectory {

    /** Whether each user may sign in, by user id. */
    final Map<String, Boolean> enabled = new ConcurrentHashMap<>();
    final Map<String, NewUser> users = new ConcurrentHashMap<>();

    @Override
    public String create(NewUser user) {
        if (users.values().stream().anyMatch(u -> u.username().equals(user.username()))) {
            throw Conflict.onField("The username is taken", "username", "is taken");
        }
        String id = UUID.randomUUID().toString();
        users.put(id, user);
        enabled.put(id, true);
        return id;
    }

    @Override
    public void disable(String userId) {
        enabled.put(userId, false);
    }

    @Override
    public void enable(String userId) {
        enabled.put(userId, true);
    }

    @Override
    public void remove(String userId) {
        users.remove(userId);
        enabled.remove(userId);
    }
}
