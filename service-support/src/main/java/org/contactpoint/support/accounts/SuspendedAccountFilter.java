package org.contactpoint.support.accounts;

import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import org.contactpoint.events.accounts.AccountSuspension;
import org.contactpoint.support.rest.Problem;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.Optional;

/**
 * Refuses every request of a suspended or closed account with 403 problem+json, whatever its token says: the token is
 * genuine, the account may no longer act. The refusal is audited as any other 403 ({@code RefusalAudit}, or the
 * service's own recorder where it keeps its trail itself). A request with no token, or one that fails verification, is
 * left to the endpoint's own security, which answers it as before.
 */
public class SuspendedAccountFilter {

    /** The problem's title; its type ends {@code /account-suspended}. */
    public static final String TITLE = "Account suspended";
    /** Set on a refused request, so a service auditing its own refusals can name the cause. */
    public static final String REFUSED_PROPERTY = "contactpoint.account-suspension";

    private final CurrentIdentityAssociation identities;
    private final SuspendedAccounts accounts;

    public SuspendedAccountFilter(CurrentIdentityAssociation identities, SuspendedAccounts accounts) {
        this.identities = identities;
        this.accounts = accounts;
    }

    @ServerRequestFilter
    public Uni<Response> refuseSuspended(ContainerRequestContext request) {
        return identities.getDeferredIdentity()
                .onFailure().recoverWithNull()
                .map(identity -> suspensionOf(identity).map(suspension -> {
                    request.setProperty(REFUSED_PROPERTY, suspension);
                    String detail = "CLOSED".equals(suspension.state())
                            ? "This account is closed"
                            : "This account is suspended; your local authority's ContactPoint team can say why";
                    return Response.status(403).type(Problem.MEDIA_TYPE)
                            .entity(Problem.of(403, TITLE, detail, request.getUriInfo().getPath(), null)).build();
                }).orElse(null));
    }

    private Optional<AccountSuspension> suspensionOf(SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous()
                || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            return Optional.empty();
        }
        return accounts.of(token.getSubject() != null ? token.getSubject() : token.getName());
    }
}
