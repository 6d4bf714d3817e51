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

    /**
     * POST /team/bulk_member_add, LiteLLM's BulkTeamMemberAddResponse: one result per member named, in
     * order; {@code updated_team} is the team after the additions, null when none succeeded.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record BulkMemberAdd(String teamId, List<MemberAddResult> results, int totalRequested,
                                int successfulAdditions, int failedAdditions, TeamView updatedTeam) {}

    /**
     * One member of a bulk add, LiteLLM's TeamMemberAddResult. A failed one carries {@code error} and
     * Keygate's {@code code}, the status /team/member_add would have answered. {@code updated_user} is
     * null: Keygate's member_add answers the team, not the user (docs/api.md).
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record MemberAddResult(String userId, String userEmail, boolean success, String error, String code,
                                  Object updatedUser, TeamMembership updatedTeamMembership) {}
}
