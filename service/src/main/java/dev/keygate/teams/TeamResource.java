package dev.keygate.teams;

import dev.keygate.auth.Caller;
import io.dropwizard.auth.Auth;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

@Path("/team")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class TeamResource {

    private final TeamService teams;

    public TeamResource(TeamService teams) {
        this.teams = teams;
    }

    @POST
    @Path("/new")
    public TeamView create(@Auth Caller caller, @Valid @NotNull NewTeamRequest request) {
        return teams.create(caller, request);
    }

    @POST
    @Path("/member_add")
    public TeamView addMembers(@Auth Caller caller, @Valid @NotNull MemberAddRequest request) {
        return teams.addMembers(caller, request);
    }
}
