package org.contactpoint.audit.rest;

import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.contactpoint.audit.application.Accounts;
import org.contactpoint.support.accounts.SuspendedAccountFilter;
import org.contactpoint.support.security.Caller;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * audit-service keeps its own trail (it does not publish refusals for itself to read back), so a suspended account's
 * refused request is chained here, where the other services' {@code RefusalAudit} publishes theirs.
 */
public class SuspendedAccountRefusals {

    private final Accounts accounts;

    public SuspendedAccountRefusals(Accounts accounts) {
        this.accounts = accounts;
    }

    @ServerResponseFilter
    public void recordRefusal(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getProperty(SuspendedAccountFilter.REFUSED_PROPERTY) == null
                || !(request.getSecurityContext().getUserPrincipal() instanceof JsonWebToken token)) {
            return;
        }
        Caller caller = Caller.from(token);
        String action = request.getMethod() + " " + request.getUriInfo().getPath();
        if (Context.isOnEventLoopThread()) {
            Infrastructure.getDefaultWorkerPool().execute(() -> accounts.refusedWhileSuspended(caller, action));
        } else {
            accounts.refusedWhileSuspended(caller, action);
        }
    }
}
