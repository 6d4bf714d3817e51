package dev.keygate.gateway;

import dev.keygate.auth.CredentialExtractor;
import dev.keygate.enforcement.CallRequest;
import dev.keygate.verify.KeyVerifier;
import dev.keygate.web.ForwardedQuery;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code /authz/**}: a gateway's check of a request it is about to forward, as an Envoy
 * {@code ext_authz} HTTP service and as an nginx {@code auth_request} target. Every method is
 * answered the same way, since Envoy checks with the original request's method (HEAD is answered as
 * GET, without a body; OPTIONS is declared so that Jersey's own OPTIONS answer, which would allow
 * anything, never stands in for a check). The request body is never read. Authenticates by itself,
 * like {@code /key/verify}, and decides through the same {@link KeyVerifier}, from memory.
 */
@Path("/authz")
@Produces(MediaType.APPLICATION_JSON)
@ForwardedQuery
@ApiResponse(responseCode = "200", description = "The call may proceed: an empty answer, with the caller's"
        + " identity in x-keygate-* headers (docs/gateways.md)")
public final class AuthzResource {

    private static final String ROUTE = "{route: .*}";

    private final CredentialExtractor credentials;
    private final KeyVerifier verifier;

    public AuthzResource(CredentialExtractor credentials, KeyVerifier verifier) {
        this.credentials = credentials;
        this.verifier = verifier;
    }

    // nginx: the fixed location, the original request in X-Original-URI.

    @GET
    public Response get(@Context ContainerRequestContext request) {
        return check(request, "");
    }

    @POST
    public Response post(@Context ContainerRequestContext request) {
        return check(request, "");
    }

    @PUT
    public Response put(@Context ContainerRequestContext request) {
        return check(request, "");
    }

    @PATCH
    public Response patch(@Context ContainerRequestContext request) {
        return check(request, "");
    }

    @DELETE
    public Response delete(@Context ContainerRequestContext request) {
        return check(request, "");
    }

    @OPTIONS
    public Response options(@Context ContainerRequestContext request) {
        return check(request, "");
    }

    // Envoy: the original path after /authz.

    @GET
    @Path(ROUTE)
    public Response get(@Context ContainerRequestContext request, @PathParam("route") String route) {
        return check(request, route);
    }

    @POST
    @Path(ROUTE)
    public Response post(@Context ContainerRequestContext request, @PathParam("route") String route) {
        return check(request, route);
    }

    @PUT
    @Path(ROUTE)
    public Response put(@Context ContainerRequestContext request, @PathParam("route") String route) {
        return check(request, route);
    }

    @PATCH
    @Path(ROUTE)
    public Response patch(@Context ContainerRequestContext request, @PathParam("route") String route) {
        return check(request, route);
    }

    @DELETE
    @Path(ROUTE)
    public Response delete(@Context ContainerRequestContext request, @PathParam("route") String route) {
        return check(request, route);
    }

    @OPTIONS
    @Path(ROUTE)
    public Response options(@Context ContainerRequestContext request, @PathParam("route") String route) {
        return check(request, route);
    }

    /** Who calls first (401), then the forwarded call (400 when malformed), then the judgement. */
    private Response check(ContainerRequestContext request, String route) {
        KeyVerifier.Presented presented = verifier.presentedToGateway(credentials.require(request), request);
        CallRequest call = ForwardedCall.of(route, request);
        return AuthzAnswer.of(verifier.judge(presented, call));
    }
}
