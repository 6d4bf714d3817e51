package dev.keygate.teams;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.keygate.web.Paging;
import java.util.List;

/** Response shapes of the team routes that do not answer with the team itself. */
public final class TeamResponses {

    private TeamResponses() {}

    /** GET /team/info: the team, the keys in it that the caller may read, and its memberships (LiteLLM's shape). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Info(String teamId, TeamView teamInfo, List<Object> keys, List<TeamMembership> teamMemberships) {}

    /**
     * POST /team/update: LiteLLM's {@code {"team_id", "data": team}}, with the team's fields also at the
     * top level, where Keygate's answer had them, so scripts written either way read what they expect.
     */
    public record Updated(@JsonUnwrapped TeamView team) {

        @JsonProperty("data")
        public TeamView data() {
            return team;
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Permissions(String teamId, List<String> teamMemberPermissions, List<String> allAvailablePermissions) {}

    /** GET /v2/team/list: LiteLLM's page of team objects, {@code total} counted before paging. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Page(List<TeamView> teams, long total, int page, int pageSize, int totalPages) {

        Page(List<TeamView> teams, long total, Paging paging) {
            this(teams, total, paging.page(), paging.size(), paging.totalPages(total));
        }
    }
}
