package org.contactpoint.support.accounts;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready until the suspensions are read: an instance must not serve an account suspended before it started. */
@Readiness
@ApplicationScoped
public class SuspensionsReadiness implements HealthCheck {

    private final SuspendedAccounts accounts;

    public SuspensionsReadiness(SuspendedAccounts accounts) {
        this.accounts = accounts;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("account-suspensions").status(accounts.loaded()).build();
    }
}
