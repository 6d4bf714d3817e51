package dev.keygate.teams;

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
import java.util.List;

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
    @Path("/update")
    public TeamResponses.Updated update(@Auth Caller caller, @Valid @NotNull TeamRequests.Update request) {
        return new TeamResponses.Updated(teams.update(caller, request));
    }

    @POST
    @Path("/delete")
    public TeamResponses.Deleted delete(@Auth Caller caller, @Valid @NotNull TeamRequests.Delete request) {
        return new TeamResponses.Deleted(teams.delete(caller, request));
    }

    @GET
    @Path("/info")
    public TeamResponses.Info info(@Auth Caller caller, @QueryParam("team_id") String teamId) {
        return teams.info(caller, teamId);
    }

    @GET
    @Path("/list")
    public List<TeamResponses.Listed> list(@Auth Caller caller, @QueryParam("user_id") String userId,
                               @QueryParam("organization_id") String organizationId) {
        return teams.list(caller, userId, organizationId);
    }

    @POST
    @Path("/member_add")
    public TeamResponses.MembersAdded addMembers(@Auth Caller caller, @Valid @NotNull MemberAddRequest request) {
        return teams.addMembers(caller, request);
    }

    @POST
    @Path("/bulk_member_add")
    public TeamResponses.BulkMemberAdd bulkAddMembers(@Auth Caller caller,
                                                      @Valid @NotNull TeamRequests.BulkMemberAdd request) {
        return teams.bulkAddMembers(caller, request);
    }

    @GET
    @Path("/available")
    public List<TeamView> available(@Auth Caller caller) {
        return teams.available(caller);
    }

    @POST
    @Path("/model/add")
    public TeamView addModels(@Auth Caller caller, @Valid @NotNull TeamRequests.Models request) {
        return teams.changeModels(caller, request, true);
    }

    @POST
    @Path("/model/delete")
    public TeamView deleteModels(@Auth Caller caller, @Valid @NotNull TeamRequests.Models request) {
        return teams.changeModels(caller, request, false);
    }

    @POST
    @Path("/member_update")
    public TeamResponses.MemberUpdated updateMember(@Auth Caller caller,
                                                    @Valid @NotNull TeamRequests.MemberUpdate request) {
        return teams.updateMember(caller, request);
    }

    @POST
    @Path("/member_delete")
    public TeamView removeMember(@Auth Caller caller, @Valid @NotNull TeamRequests.MemberDelete request) {
        return teams.removeMember(caller, request);
    }

    @POST
    @Path("/block")
    public TeamView block(@Auth Caller caller, @Valid @NotNull TeamRequests.TeamId request) {
        return teams.setBlocked(caller, request.teamId(), true);
    }

    @POST
    @Path("/unblock")
    public TeamView unblock(@Auth Caller caller, @Valid @NotNull TeamRequests.TeamId request) {
        return teams.setBlocked(caller, request.teamId(), false);
    }

    @GET
    @Path("/permissions_list")
    public TeamResponses.Permissions permissions(@Auth Caller caller, @QueryParam("team_id") String teamId) {
        return teams.permissions(caller, teamId);
    }

    @POST
    @Path("/permissions_update")
    public TeamResponses.PermissionsUpdated updatePermissions(@Auth Caller caller,
                                                       @Valid @NotNull TeamRequests.PermissionsUpdate request) {
        return teams.updatePermissions(caller, request);
    }
}
