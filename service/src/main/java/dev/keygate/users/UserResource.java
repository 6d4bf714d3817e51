package dev.keygate.users;

import dev.keygate.auth.Caller;
import dev.keygate.auth.UserRole;
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
import java.util.Map;

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

    @GET
    @Path("/info")
    public UserResponses.Info info(@Auth Caller caller, @QueryParam("user_id") String userId) {
        return users.info(caller, userId == null || userId.isBlank() ? null : userId);
    }

    @POST
    @Path("/update")
    public UserResponses.Updated update(@Auth Caller caller, @Valid @NotNull UserRequests.Update request) {
        return new UserResponses.Updated(users.update(caller, request));
    }

    @POST
    @Path("/bulk_update")
    public UserResponses.BulkUpdate bulkUpdate(@Auth Caller caller, @Valid @NotNull UserRequests.BulkUpdate request) {
        return users.bulkUpdate(caller, request);
    }

    @POST
    @Path("/delete")
    public UserResponses.Deleted delete(@Auth Caller caller, @Valid @NotNull UserRequests.Delete request) {
        return new UserResponses.Deleted(users.delete(caller, request));
    }

    @GET
    @Path("/list")
    public UserResponses.Page list(@Auth Caller caller,
                                   @QueryParam("page") Integer page,
                                   @QueryParam("page_size") Integer pageSize,
                                   @QueryParam("role") String role,
                                   @QueryParam("user_email") String userEmail) {
        return users.list(caller, page, pageSize, parseRole(role), userEmail);
    }

    @GET
    @Path("/available_roles")
    public Map<String, UserResponses.AvailableRole> availableRoles(@Auth Caller caller) {
        return users.availableRoles(caller);
    }

    private static UserRole parseRole(String role) {
        if (role == null || role.isBlank()) {
            return null;
        }
        try {
            return UserRole.fromWire(role);
        } catch (IllegalArgumentException e) {
            throw dev.keygate.web.ApiException.badRequest("Unknown role: " + role, "role");
        }
    }
}
