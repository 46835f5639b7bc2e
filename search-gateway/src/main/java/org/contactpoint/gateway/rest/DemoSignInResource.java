package org.contactpoint.gateway.rest;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.contactpoint.gateway.application.DemoSignIn;
import org.contactpoint.gateway.security.DemoUser;
import org.contactpoint.support.rest.ProblemException;

import java.util.List;

/** The local run's demo sign-in for the practitioner page. Answers 404 everywhere it is not configured. */
@Path("/demo")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
public class DemoSignInResource {

    /** The user to sign in as. */
    public record SignInRequest(String username) {
    }

    public record SignInResponse(String token) {
    }

    private final DemoSignIn signIn;

    public DemoSignInResource(DemoSignIn signIn) {
        this.signIn = signIn;
    }

    @GET
    @Path("/users")
    public List<DemoUser> users() {
        requireEnabled();
        return signIn.users();
    }

    @POST
    @Path("/token")
    @Consumes(MediaType.APPLICATION_JSON)
    public SignInResponse token(SignInRequest request) {
        requireEnabled();
        if (request == null || request.username() == null) {
            throw ProblemException.invalidField("username", "is required");
        }
        return signIn.signIn(request.username()).map(SignInResponse::new)
                .orElseThrow(() -> ProblemException.invalidField("username", "is not a demo user"));
    }

    private void requireEnabled() {
        if (!signIn.enabled()) {
            throw ProblemException.notFound("Demo sign-in is only available in the local run");
        }
    }
}
