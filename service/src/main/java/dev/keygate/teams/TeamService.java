package dev.keygate.teams;

import dev.keygate.auth.Caller;
import dev.keygate.db.JsonColumns;
import dev.keygate.orgs.OrganizationDao;
import dev.keygate.policy.Action;
import dev.keygate.policy.Policy;
import dev.keygate.policy.TeamTarget;
import dev.keygate.users.UserDao;
import dev.keygate.users.UserRow;
import dev.keygate.web.ApiException;
import dev.keygate.web.Durations;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

public final class TeamService {

    /** LiteLLM's default for what plain members may do with their keys in a team. */
    static final List<String> DEFAULT_MEMBER_PERMISSIONS = List.of("/key/info", "/key/health");

    private final Jdbi jdbi;
    private final Policy policy;
    private final JsonColumns json;

    public TeamService(Jdbi jdbi, Policy policy, JsonColumns json) {
        this.jdbi = jdbi;
        this.policy = policy;
        this.json = json;
    }

    public TeamView create(Caller caller, NewTeamRequest request) {
        return jdbi.inTransaction(handle -> {
            String organizationId = request.organizationId();
            if (organizationId != null && !handle.attach(OrganizationDao.class).exists(organizationId)) {
                throw ApiException.notFound("Organization not found: " + organizationId, "organization_id");
            }
            List<TeamMemberRow> members = resolveMembers(handle, null, listOrEmpty(request.membersWithRoles()),
                    "members_with_roles");
            policy.checkTeam(caller, Action.TEAM_CREATE, new TeamTarget(null, organizationId));

            TeamDao teams = handle.attach(TeamDao.class);
            String teamId = request.teamId() != null ? request.teamId() : UUID.randomUUID().toString();
            if (teams.exists(teamId)) {
                throw ApiException.badRequest("team_id already exists: " + teamId, "team_id");
            }
            requireDistinctUsers(members, "members_with_roles");
            TeamRow row = teams.insert(new TeamRow(teamId, request.teamAlias(), organizationId,
                    listOrEmpty(request.models()), request.maxBudget(),
                    Durations.requireValid(request.budgetDuration(), "budget_duration"), request.tpmLimit(),
                    request.rpmLimit(), BigDecimal.ZERO, json.write(request.metadata()),
                    Boolean.TRUE.equals(request.blocked()),
                    request.teamMemberPermissions() == null ? DEFAULT_MEMBER_PERMISSIONS
                            : request.teamMemberPermissions(),
                    caller.actorId(), caller.actorId(), null, null));
            for (TeamMemberRow member : members) {
                teams.addMember(withTeam(member, teamId));
            }
            return TeamView.of(row, teams.members(teamId), json);
        });
    }

    public TeamView addMembers(Caller caller, MemberAddRequest request) {
        return jdbi.inTransaction(handle -> {
            TeamDao teams = handle.attach(TeamDao.class);
            TeamRow team = teams.find(request.teamId())
                    .orElseThrow(() -> ApiException.notFound("Team not found: " + request.teamId(), "team_id"));
            List<TeamMemberRow> members = resolveMembers(handle, team.teamId(), request.member(), "member");
            policy.checkTeam(caller, Action.TEAM_MEMBER_ADD, new TeamTarget(team.teamId(), team.organizationId()));

            requireDistinctUsers(members, "member");
            for (TeamMemberRow member : members) {
                if (teams.isMember(team.teamId(), member.userId())) {
                    throw ApiException.badRequest("User " + member.userId() + " is already a member of this team",
                            "member");
                }
                teams.addMember(member);
            }
            return TeamView.of(team, teams.members(team.teamId()), json);
        });
    }

    /** Looks every member up by user_id or user_email; an unknown user is 404. */
    private static List<TeamMemberRow> resolveMembers(Handle handle, String teamId, List<TeamMember> requested,
                                                      String param) {
        UserDao users = handle.attach(UserDao.class);
        List<TeamMemberRow> resolved = new ArrayList<>();
        for (TeamMember member : requested) {
            UserRow user;
            if (member.userId() != null) {
                user = users.find(member.userId())
                        .orElseThrow(() -> ApiException.notFound("User not found: " + member.userId(), param));
            } else if (member.userEmail() != null) {
                user = users.findByEmail(member.userEmail())
                        .orElseThrow(() -> ApiException.notFound("No user with email " + member.userEmail(), param));
            } else {
                throw ApiException.badRequest("Each member needs user_id or user_email", param);
            }
            resolved.add(new TeamMemberRow(teamId, user.userId(), member.roleOrDefault().wire(),
                    member.maxBudgetInTeam(), BigDecimal.ZERO));
        }
        return resolved;
    }

    private static void requireDistinctUsers(List<TeamMemberRow> members, String param) {
        Set<String> seen = new HashSet<>();
        for (TeamMemberRow member : members) {
            if (!seen.add(member.userId())) {
                throw ApiException.badRequest("User " + member.userId() + " is listed twice", param);
            }
        }
    }

    private static TeamMemberRow withTeam(TeamMemberRow member, String teamId) {
        return new TeamMemberRow(teamId, member.userId(), member.role(), member.maxBudgetInTeam(), member.spend());
    }

    private static <T> List<T> listOrEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
