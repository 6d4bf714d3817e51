package dev.keygate.keys;

import dev.keygate.limits.Limits;
import dev.keygate.orgs.OrganizationDao;
import dev.keygate.orgs.OrganizationRow;
import dev.keygate.policy.Targets;
import dev.keygate.teams.TeamDao;
import dev.keygate.teams.TeamRow;
import dev.keygate.users.UserDao;
import dev.keygate.web.ApiException;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * Where a key sits: its user, its team, and its organization (the team's, or its own without a
 * team). One set of checks for a key being generated and a key being moved by /key/update or
 * /key/regenerate, so a key can only be moved where it could have been created: the same 404s, the
 * same policy target, the same 400s for a place that contradicts itself and for limits above the
 * parent's.
 */
final class KeyPlacement {

    private final String userId;
    private final TeamRow team;
    private final OrganizationRow organization;

    private KeyPlacement(String userId, TeamRow team, OrganizationRow organization) {
        this.userId = userId;
        this.team = team;
        this.organization = organization;
    }

    /**
     * Loads the place (after its rows are held: LockOrder): 404 naming the user, team or organization
     * that does not exist. With a team, {@code organizationId} is not looked up: the key's organization
     * is the team's ({@link #requireConsistent} refuses another).
     */
    static KeyPlacement load(Handle handle, String userId, String teamId, String organizationId) {
        if (userId != null && !handle.attach(UserDao.class).exists(userId)) {
            throw ApiException.notFound("User not found: " + userId, "user_id");
        }
        if (teamId != null) {
            TeamRow team = handle.attach(TeamDao.class).find(teamId)
                    .orElseThrow(() -> ApiException.notFound("Team not found: " + teamId, "team_id"));
            return new KeyPlacement(userId, team, null);
        }
        OrganizationRow organization = organizationId == null ? null
                : handle.attach(OrganizationDao.class).find(organizationId).orElseThrow(() -> ApiException.notFound(
                        "Organization not found: " + organizationId, "organization_id"));
        return new KeyPlacement(userId, null, organization);
    }

    /** Where a stored key sits now (its rows exist: foreign keys). */
    static KeyPlacement of(Handle handle, KeyRow key) {
        return load(handle, key.userId(), key.teamId(), key.organizationId());
    }

    String teamId() {
        return team == null ? null : team.teamId();
    }

    /** The team's organization, or the key's own without a team. */
    String organizationId() {
        if (team != null) {
            return team.organizationId();
        }
        return organization == null ? null : organization.organizationId();
    }

    /** The key, placed here, as the policy sees it ({@code token} null for a key not created yet). */
    Targets.Key target(String token) {
        return new Targets.Key(token, userId, teamId(), organizationId(),
                team == null ? List.of() : team.teamMemberPermissions());
    }

    /**
     * 400 when the place contradicts itself: an {@code organization_id} named beside a team of another
     * organization; a named user outside the key's team, or (without a team) outside its organization.
     * {@code userNamed}: whether the request chose the user (a key generated for its caller is checked
     * by the policy instead).
     */
    void requireConsistent(Handle handle, String namedOrganizationId, boolean userNamed) {
        if (team != null && namedOrganizationId != null && !namedOrganizationId.equals(team.organizationId())) {
            throw ApiException.badRequest("organization_id must be the organization of team " + team.teamId(),
                    "organization_id");
        }
        if (!userNamed || userId == null) {
            return;
        }
        if (team != null && !handle.attach(TeamDao.class).isMember(team.teamId(), userId)) {
            throw ApiException.badRequest("User " + userId + " is not a member of team " + team.teamId(), "user_id");
        }
        if (organization != null
                && handle.attach(OrganizationDao.class).memberRole(organization.organizationId(), userId).isEmpty()) {
            throw ApiException.badRequest("User " + userId + " is not a member of organization "
                    + organization.organizationId(), "user_id");
        }
    }

    /** Limits flow downwards: 400 when the key's are outside its team's (or, without one, its organization's). */
    void requireWithin(Limits limits) {
        if (team != null) {
            Limits.requireWithin(limits, team.limits(), "team " + team.teamId());
        } else if (organization != null) {
            Limits.requireWithin(limits, organization.limits(), "organization " + organization.organizationId());
        }
    }
}
