package dev.keygate.users;

import dev.keygate.auth.Caller;
import dev.keygate.auth.OrgRole;
import dev.keygate.auth.TeamRole;
import dev.keygate.auth.UserRole;
import dev.keygate.db.JsonColumns;
import dev.keygate.keys.GenerateKeyRequest;
import dev.keygate.keys.GeneratedKeyResponse;
import dev.keygate.keys.KeyService;
import dev.keygate.orgs.OrganizationDao;
import dev.keygate.policy.Action;
import dev.keygate.policy.Policy;
import dev.keygate.teams.TeamDao;
import dev.keygate.teams.TeamMemberRow;
import dev.keygate.web.ApiException;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

public final class UserService {

    private final Jdbi jdbi;
    private final Policy policy;
    private final JsonColumns json;
    private final KeyService keys;

    public UserService(Jdbi jdbi, Policy policy, JsonColumns json, KeyService keys) {
        this.jdbi = jdbi;
        this.policy = policy;
        this.json = json;
        this.keys = keys;
    }

    public NewUserResponse create(Caller caller, NewUserRequest request) {
        return jdbi.inTransaction(handle -> {
            List<String> teamIds = request.teams() == null ? List.of() : request.teams();
            List<String> organizationIds = request.organizations() == null ? List.of() : request.organizations();
            TeamDao teams = handle.attach(TeamDao.class);
            OrganizationDao organizations = handle.attach(OrganizationDao.class);
            for (String teamId : teamIds) {
                if (!teams.exists(teamId)) {
                    throw ApiException.notFound("Team not found: " + teamId, "teams");
                }
            }
            for (String organizationId : organizationIds) {
                if (!organizations.exists(organizationId)) {
                    throw ApiException.notFound("Organization not found: " + organizationId, "organizations");
                }
            }
            policy.checkUser(caller, Action.USER_CREATE);

            UserDao users = handle.attach(UserDao.class);
            String userId = request.userId() != null ? request.userId() : UUID.randomUUID().toString();
            if (users.exists(userId)) {
                throw ApiException.badRequest("user_id already exists: " + userId, "user_id");
            }
            if (request.userEmail() != null && users.findByEmail(request.userEmail()).isPresent()) {
                throw ApiException.badRequest("user_email already in use: " + request.userEmail(), "user_email");
            }
            UserRole role = request.userRole() == null ? UserRole.INTERNAL_USER : request.userRole();
            UserRow user = users.insert(new UserRow(userId, request.userEmail(), request.userAlias(), role.wire(),
                    request.models() == null ? List.of() : request.models(), request.maxBudget(), BigDecimal.ZERO,
                    json.write(request.metadata()), caller.actorId(), caller.actorId(), null, null));
            for (String organizationId : organizationIds) {
                organizations.addMember(organizationId, userId, OrgRole.INTERNAL_USER.wire());
            }
            for (String teamId : teamIds) {
                teams.addMember(new TeamMemberRow(teamId, userId, TeamRole.USER.wire(), null, BigDecimal.ZERO));
            }
            GeneratedKeyResponse key = Boolean.FALSE.equals(request.autoCreateKey())
                    ? null
                    : keys.create(handle, caller, GenerateKeyRequest.empty(), userId, null, null);
            return new NewUserResponse(UserView.of(user, json), teamIds, organizationIds,
                    key == null ? null : key.key(), key == null ? null : key.view().token());
        });
    }
}
