package dev.keygate.teams;

import dev.keygate.auth.Caller;
import io.dropwizard.auth.Auth;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** LiteLLM's /v2/team routes. */
@Path("/v2/team")
@Produces(MediaType.APPLICATION_JSON)
public final class TeamV2Resource {

    private final TeamService teams;

    public TeamV2Resource(TeamService teams) {
        this.teams = teams;
    }

    @GET
    @Path("/list")
    public TeamResponses.Page list(@Auth Caller caller,
                                   @QueryParam("page") Integer page,
                                   @QueryParam("page_size") Integer pageSize,
                                   @QueryParam("user_id") String userId,
                                   @QueryParam("organization_id") String organizationId,
                                   @QueryParam("team_id") String teamId,
                                   @QueryParam("team_alias") String teamAlias,
                                   @QueryParam("sort_by") String sortBy,
                                   @QueryParam("sort_order") String sortOrder) {
        return teams.page(caller, new TeamRequests.Page(page, pageSize, userId, organizationId, teamId, teamAlias,
                sortBy, sortOrder));
    }
}
