package dev.keygate.verify;

import dev.keygate.auth.CredentialExtractor;
import dev.keygate.enforcement.CallRequest;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code /key/verify}: may this key be used now? Authenticates by itself rather than through
 * {@code @Auth}, because a key that cannot be used is what it reports on, not a reason to refuse.
 */
@Path("/key/verify")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class VerifyResource {

    private final CredentialExtractor credentials;
    private final KeyVerifier verifier;

    public VerifyResource(CredentialExtractor credentials, KeyVerifier verifier) {
        this.credentials = credentials;
        this.verifier = verifier;
    }

    @GET
    public VerifyResponse verifyPresented(@Context ContainerRequestContext request) {
        return verifier.verifyPresented(credentials.require(request), request, CallRequest.STATUS_ONLY);
    }

    @POST
    public VerifyResponse verify(@Context ContainerRequestContext request, @Valid VerifyRequest body) {
        String credential = credentials.require(request);
        CallRequest call = body == null ? CallRequest.STATUS_ONLY : body.call();
        if (body == null || body.key() == null || body.key().isBlank()) {
            return verifier.verifyPresented(credential, request, call);
        }
        return verifier.verifyOnBehalf(credential, request, body.key(), call);
    }
}
