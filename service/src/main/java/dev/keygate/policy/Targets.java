package dev.keygate.policy;

import java.util.List;
import java.util.Set;

/** What the policy needs to know about the object of a request; resources load it first (404). */
public final class Targets {

    private Targets() {}

    /**
     * A key: its owner and where it belongs. {@code token} is null for a key about to be generated;
     * {@code teamMemberPermissions} are its team's (empty without a team).
     */
    public record Key(String token, String userId, String teamId, String organizationId,
                      List<String> teamMemberPermissions) {
        public Key {
            teamMemberPermissions = teamMemberPermissions == null ? List.of() : List.copyOf(teamMemberPermissions);
        }
    }

    /** A team; {@code teamId} is null for a team about to be created. */
    public record Team(String teamId, String organizationId) {}

    /**
     * A user and where they belong. For a user about to be created, the organizations and teams
     * they are to join, with the organizations of those teams.
     */
    public record User(String userId, Set<String> organizationIds, Set<String> teamIds,
                       Set<String> teamOrganizationIds) {
        public User {
            organizationIds = Set.copyOf(organizationIds);
            teamIds = Set.copyOf(teamIds);
            teamOrganizationIds = Set.copyOf(teamOrganizationIds);
        }
    }
}
