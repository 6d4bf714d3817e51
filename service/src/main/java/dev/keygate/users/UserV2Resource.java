package dev.keygate.users;

import dev.keygate.auth.Caller;
import io.dropwizard.auth.Auth;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** LiteLLM's /v2/user routes. */
@Path("/v2/user")
@Produces(MediaType.APPLICATION_JSON)
public final class UserV2Resource {

    private final UserService users;

    public UserV2Resource(UserService users) {
        this.users = users;
    }

    @GET
    @Path("/info")
    public UserResponses.InfoV2 info(@Auth Caller caller, @QueryParam("user_id") String userId) {
        return users.infoV2(caller, userId == null || userId.isBlank() ? null : userId);
    }
}
