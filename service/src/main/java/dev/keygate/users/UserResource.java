package dev.keygate.users;

import dev.keygate.auth.Caller;
import io.dropwizard.auth.Auth;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

@Path("/user")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class UserResource {

    private final UserService users;

    public UserResource(UserService users) {
        this.users = users;
    }

    @POST
    @Path("/new")
    public NewUserResponse create(@Auth Caller caller, @Valid @NotNull NewUserRequest request) {
        return users.create(caller, request);
    }
}
