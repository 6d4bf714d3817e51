package dev.keygate.jwt;

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

/** LiteLLM's {@code /jwt/key/mapping/*}: which identity-provider client signs in as which key. */
@Path("/jwt/key/mapping")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class JwtKeyMappingResource {

    private final JwtKeyMappingService mappings;

    public JwtKeyMappingResource(JwtKeyMappingService mappings) {
        this.mappings = mappings;
    }

    @POST
    @Path("/new")
    public JwtKeyMappingRow create(@Auth Caller caller, @Valid @NotNull JwtKeyMappingRequests.New request) {
        return mappings.create(caller, request);
    }

    @POST
    @Path("/update")
    public JwtKeyMappingRow update(@Auth Caller caller, @Valid @NotNull JwtKeyMappingRequests.Update request) {
        return mappings.update(caller, request);
    }

    @POST
    @Path("/delete")
    public JwtKeyMappingRow delete(@Auth Caller caller, @Valid @NotNull JwtKeyMappingRequests.Delete request) {
        return mappings.delete(caller, request);
    }

    @GET
    @Path("/list")
    public JwtKeyMappingRequests.Page list(@Auth Caller caller, @QueryParam("page") Integer page,
                                           @QueryParam("size") Integer size) {
        return mappings.list(caller, page, size);
    }

    @GET
    @Path("/info")
    public JwtKeyMappingRow info(@Auth Caller caller, @QueryParam("id") String id) {
        return mappings.info(caller, id);
    }
}
