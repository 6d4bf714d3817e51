package dev.keygate.keys;

import dev.keygate.auth.Caller;
import io.dropwizard.auth.Auth;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

@Path("/key")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class KeyResource {

    private final KeyService keys;

    public KeyResource(KeyService keys) {
        this.keys = keys;
    }

    @POST
    @Path("/generate")
    public GeneratedKeyResponse generate(@Auth Caller caller, @Valid GenerateKeyRequest request) {
        return keys.generate(caller, request == null ? GenerateKeyRequest.empty() : request);
    }

    @GET
    @Path("/info")
    public KeyInfoResponse info(@Auth Caller caller, @QueryParam("key") String key) {
        return keys.info(caller, key == null || key.isBlank() ? null : key.trim());
    }

    @POST
    @Path("/delete")
    public DeleteKeysResponse delete(@Auth Caller caller, @Valid @NotNull DeleteKeysRequest request) {
        return keys.delete(caller, request);
    }
}
