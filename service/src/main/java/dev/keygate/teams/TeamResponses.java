package dev.keygate.teams;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.keygate.web.Paging;
import java.util.List;
import java.util.Set;

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

    /** POST /team/delete: the ids of the teams deleted. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Deleted(List<String> deletedTeams) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Permissions(String teamId, List<String> teamMemberPermissions, List<String> allAvailablePermissions) {}

    /**
     * POST /team/permissions_update: LiteLLM answers the updated team; Keygate's earlier answer (the
     * permissions_list shape) is kept, {@code all_available_permissions} beside the team's fields.
     */
    public record PermissionsUpdated(@JsonUnwrapped TeamView team,
                                     @JsonProperty("all_available_permissions") List<String> allAvailablePermissions) {}

    /**
     * POST /team/member_update: the team, as Keygate answered, and, as LiteLLM answers, the updated
     * member's {@code user_id}, {@code user_email}, {@code role} and {@code max_budget_in_team} at the top
     * level ({@code tpm_limit} and {@code rpm_limit} there are the team's: Keygate has no member limits).
     */
    public record MemberUpdated(@JsonUnwrapped TeamView team, @JsonUnwrapped TeamMember member) {}

    /**
     * POST /team/member_add: the team, as Keygate answered, and LiteLLM's {@code updated_team_memberships},
     * the memberships the call added. Not LiteLLM's {@code updated_users}: the added users' own records
     * (budgets, spend, role) are more than adding them to a team lets the caller read.
     */
    public record MembersAdded(@JsonUnwrapped TeamView team,
                               @JsonProperty("updated_team_memberships") List<TeamMembership> added) {

        static MembersAdded of(TeamView team, Set<String> addedUserIds) {
            return new MembersAdded(team, team.teamMemberships().stream()
                    .filter(membership -> addedUserIds.contains(membership.userId())).toList());
        }
    }

    /** GET /team/list: each team with the keys in it that the caller may read (the first 100, as /team/info). */
    public record Listed(@JsonUnwrapped TeamView team, @JsonProperty("keys") List<Object> keys) {}

    /** GET /v2/team/list: LiteLLM's page of team objects, {@code total} counted before paging. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Page(List<PageItem> teams, long total, int page, int pageSize, int totalPages) {

        Page(List<PageItem> teams, long total, Paging paging) {
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

    /**
     * A team of /v2/team/list, as LiteLLM's TeamListItem: with how many members it has. Not LiteLLM's
     * {@code keys_count}: a count of the team's keys would tell a caller about keys it may not read.
     */
    public record PageItem(@JsonUnwrapped TeamView team) {

        @JsonProperty("members_count")
        public int membersCount() {
            return team.membersWithRoles().size();
        }
    }
}
