package dev.keygate.keys;

import dev.keygate.auth.Caller;
import io.dropwizard.auth.Auth;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** LiteLLM's /v2/key routes. */
@Path("/v2/key")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class KeyV2Resource {

    private final KeyQueries queries;

    public KeyV2Resource(KeyQueries queries) {
        this.queries = queries;
    }

    @POST
    @Path("/info")
    public KeyInfoManyResponse info(@Auth Caller caller, @Valid @NotNull KeysRequest request) {
        return queries.infoMany(caller, request);
    }
}
