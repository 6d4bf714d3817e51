package dev.keygate.teams;

import dev.keygate.policy.Visibility;
import java.util.List;

/**
 * A team list as SQL parameters: the caller's visibility (Policy.teamVisibility) and the optional
 * filters, null when absent. {@code /team/list} and {@code /v2/team/list} both read through it, so
 * they show the same teams.
 */
public record TeamListQuery(boolean all, List<String> adminOrganizations, List<String> memberTeams,
                            String organizationId, String userId, String teamId, String teamAlias) {

    static TeamListQuery of(Visibility visibility, String organizationId, String userId, String teamId, String teamAlias) {
        return new TeamListQuery(visibility.all(), List.copyOf(visibility.adminOrganizations()),
                List.copyOf(visibility.memberTeams()), organizationId, userId, teamId, teamAlias);
    }
}
