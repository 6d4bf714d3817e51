package dev.keygate.users;

import dev.keygate.audit.AuditLog;
import dev.keygate.auth.Caller;
import dev.keygate.auth.OrgRole;
import dev.keygate.auth.TeamRole;
import dev.keygate.auth.UserRole;
import dev.keygate.db.JsonColumns;
import dev.keygate.db.LockOrder;
import dev.keygate.db.RowUpdate;
import dev.keygate.keys.GenerateKeyRequest;
import dev.keygate.keys.GeneratedKeyResponse;
import dev.keygate.keys.KeyQueries;
import dev.keygate.keys.KeyService;
import dev.keygate.limits.BudgetReset;
import dev.keygate.orgs.OrganizationDao;
import dev.keygate.policy.Action;
import dev.keygate.policy.Policy;
import dev.keygate.policy.Targets;
import dev.keygate.policy.Visibility;
import dev.keygate.teams.TeamDao;
import dev.keygate.teams.TeamMemberRow;
import dev.keygate.teams.TeamRow;
import dev.keygate.web.ApiException;
import dev.keygate.web.Inputs;
import dev.keygate.web.Paging;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** Users. Order everywhere: load (404), policy (403), validate (400), act, audit. */
public final class UserService {

    private final Jdbi jdbi;
    private final Policy policy;
    private final JsonColumns json;
    private final AuditLog audit;
    private final KeyService keys;
    private final KeyQueries keyQueries;
    private final Clock clock;

    public UserService(Jdbi jdbi, Policy policy, JsonColumns json, AuditLog audit, KeyService keys,
                       KeyQueries keyQueries, Clock clock) {
        this.jdbi = jdbi;
        this.policy = policy;
        this.json = json;
        this.audit = audit;
        this.keys = keys;
        this.keyQueries = keyQueries;
        this.clock = clock;
    }

    public NewUserResponse create(Caller caller, NewUserRequest request) {
        return jdbi.inTransaction(handle -> {
            List<String> teamIds = Inputs.listOrEmpty(request.teams());
            List<String> organizationIds = Inputs.listOrEmpty(request.organizations());
            TeamDao teams = handle.attach(TeamDao.class);
            OrganizationDao organizations = handle.attach(OrganizationDao.class);
            Set<String> teamOrganizations = new HashSet<>();
            for (String teamId : teamIds) {
                TeamRow team = teams.find(teamId)
                        .orElseThrow(() -> ApiException.notFound("Team not found: " + teamId, "teams"));
                teamOrganizations.add(team.organizationId() == null ? "" : team.organizationId());
            }
            for (String organizationId : organizationIds) {
                if (!organizations.exists(organizationId)) {
                    throw ApiException.notFound("Organization not found: " + organizationId, "organizations");
                }
            }
            Targets.User target = new Targets.User(null, Set.copyOf(organizationIds), Set.copyOf(teamIds),
                    teamOrganizations);
            policy.checkUser(caller, Action.USER_CREATE, target);
            UserRole role = request.userRole() == null ? UserRole.INTERNAL_USER : request.userRole();
            if (role != UserRole.INTERNAL_USER || request.maxBudget() != null || request.budgetDuration() != null
                    || request.models() != null) {
                policy.checkUser(caller, Action.USER_UPDATE_PRIVILEGES, target);
            }

            UserView created = insert(handle, caller, request, role,
                    organizationIds.isEmpty() ? null : organizationIds.get(0));
            String userId = created.userId();
            for (String organizationId : organizationIds) {
                organizations.addMember(organizationId, userId, OrgRole.INTERNAL_USER.wire());
            }
            for (String teamId : teamIds) {
                teams.addMember(new TeamMemberRow(teamId, userId, TeamRole.USER.wire(), null, BigDecimal.ZERO));
            }
            GeneratedKeyResponse key = Boolean.FALSE.equals(request.autoCreateKey())
                    ? null
                    : keys.create(handle, caller, GenerateKeyRequest.empty(), userId, null, null);
            return NewUserResponse.of(created, teamIds, organizationIds, key);
        });
    }

    /**
     * A user that {@code member_add} names and Keygate does not know, created as LiteLLM creates it: an
     * internal user with the named id (a UUID when only an email is given) and email, nothing else, and
     * no key. In the caller's transaction, once the policy allowed it
     * ({@code Policy.checkTeamMemberOnboarding}, {@code checkOrganizationMemberOnboarding}); audited
     * as {@code user.new} under {@code organizationId}, like {@code /user/new}. The membership is the
     * caller's to add.
     */
    public UserView createForMembership(Handle handle, Caller caller, String userId, String userEmail,
                                        String organizationId) {
        return insert(handle, caller, new NewUserRequest(userId, userEmail, null, null, null, null, null, null, null,
                null, false), UserRole.INTERNAL_USER, organizationId);
    }

    /**
     * The user a sign-in token names and Keygate does not know yet ({@code jwt.user_id_upsert}):
     * created with the token's email and role, audited as {@code user.new} by the user signing in.
     * Two first sign-ins at once create one user: they take turns on a lock on the id, and the second
     * finds the first's user. An email that is already another user's is refused (403): the token's
     * user must not take over, or be split from, another identity.
     */
    public void createForSignIn(Caller signingIn, String email) {
        String userId = signingIn.userId();
        jdbi.useTransaction(handle -> {
            LockOrder.claim(handle, "user", userId);
            UserDao users = handle.attach(UserDao.class);
            if (users.exists(userId)) {
                return;
            }
            if (email != null && users.findByEmail(email).isPresent()) {
                throw ApiException.forbidden("The token's email belongs to another user");
            }
            insert(handle, signingIn, new NewUserRequest(userId, email, null, null, null, null, null, null, null, null,
                    false), signingIn.role(), null);
        });
    }

    /** The one place users are inserted: id (a UUID unless named), uniqueness, the row, its user.new audit. */
    private UserView insert(Handle handle, Caller caller, NewUserRequest request, UserRole role,
                            String auditOrganizationId) {
        UserDao users = handle.attach(UserDao.class);
        String userId = request.userId() != null ? request.userId() : UUID.randomUUID().toString();
        if (users.exists(userId)) {
            throw ApiException.badRequest("user_id already exists: " + userId, "user_id");
        }
        requireFreeEmail(users, request.userEmail(), null);
        Instant resetAt = BudgetReset.first(request.budgetDuration(), clock.instant());
        UserRow user = users.insert(new UserRow(userId, request.userEmail(), request.userAlias(), role.wire(),
                Inputs.listOrEmpty(request.models()), request.maxBudget(), request.budgetDuration(), resetAt,
                BigDecimal.ZERO, json.write(request.metadata()), caller.actorId(), caller.actorId(), null, null));
        UserView created = UserView.of(user, json);
        audit.record(handle, caller, "user.new", "user", userId, auditOrganizationId, null, created);
        return created;
    }

    public UserResponses.Info info(Caller caller, String requestedUserId) {
        UserResponses.Info info = read(caller, requestedUserId);
        // Their keys as the caller may see them: the same rule as /key/list.
        return info.withKeys(keyQueries.oldestVisible(caller, info.userId(), null));
    }

    /** GET /v2/user/info: decided as /user/info (the same read), answered without the keys. */
    public UserResponses.InfoV2 infoV2(Caller caller, String requestedUserId) {
        return UserResponses.InfoV2.of(read(caller, requestedUserId));
    }

    /** The user (the caller when none is named) once the policy lets the caller read them; no keys yet. */
    private UserResponses.Info read(Caller caller, String requestedUserId) {
        String userId = requestedUserId != null ? requestedUserId : caller.userId();
        if (userId == null) {
            throw ApiException.badRequest("This key has no user: pass user_id", "user_id");
        }
        return jdbi.inTransaction(handle -> {
            UserRow user = handle.attach(UserDao.class).find(userId)
                    .orElseThrow(() -> ApiException.notFound("User not found: " + userId, "user_id"));
            Targets.User target = targetOf(handle, userId);
            policy.checkUser(caller, Action.USER_READ, target);
            return new UserResponses.Info(userId, UserView.of(user, json),
                    target.teamIds().stream().sorted().toList(), target.organizationIds().stream().sorted().toList());
        });
    }

    public UserView update(Caller caller, UserRequests.Update request) {
        return jdbi.inTransaction(handle -> {
            UserDao users = handle.attach(UserDao.class);
            UserRow before;
            if (request.userId != null) {
                before = users.findForUpdate(request.userId)
                        .orElseThrow(() -> ApiException.notFound("User not found: " + request.userId, "user_id"));
            } else if (request.userEmail != null && request.userEmail.isPresent()) {
                UserRow found = UserLookup.require(handle, null, request.userEmail.get(), "user_email");
                before = users.findForUpdate(found.userId()).orElseThrow();
            } else {
                throw ApiException.badRequest("Name the user with user_id (or user_email)", "user_id");
            }
            Targets.User target = targetOf(handle, before.userId());
            policy.checkUser(caller, Action.USER_UPDATE, target);
            RowUpdate update = new RowUpdate("users", "user_id", Set.of("metadata"));
            boolean privileged = false;
            if (request.userId != null && request.userEmail != null) {
                String email = request.userEmail.orElse(null);
                requireFreeEmail(users, email, before.userId());
                update.set("user_email", email);
            }
            if (request.userAlias != null) {
                update.set("user_alias", request.userAlias.orElse(null));
            }
            if (request.metadata != null) {
                update.set("metadata", json.write(request.metadata));
            }
            if (request.userRole != null) {
                update.set("user_role", request.userRole.wire());
                privileged = true;
            }
            if (request.maxBudget != null) {
                update.set("max_budget", request.maxBudget.orElse(null));
                privileged = true;
            }
            if (request.models != null) {
                update.set("models", request.models);
                privileged = true;
            }
            if (privileged || request.budgetDuration != null) {
                policy.checkUser(caller, Action.USER_UPDATE_PRIVILEGES, target);
            }
            BudgetReset.setIfSent(update, request.budgetDuration, clock.instant());
            UserRow after = update.execute(handle, before.userId(), caller.actorId(), UserRow.class);
            UserView view = UserView.of(after, json);
            audit.record(handle, caller, "user.update", "user", after.userId(), firstOrNull(target.organizationIds()),
                    UserView.of(before, json), view);
            return view;
        });
    }

    /**
     * POST /user/bulk_update: each user exactly as /user/update, in its own transaction, as LiteLLM
     * processes them: a refused one (404, 403, 400) is listed with its reason and status and changes
     * nothing; the others are applied.
     */
    public UserResponses.BulkUpdate bulkUpdate(Caller caller, UserRequests.BulkUpdate request) {
        List<UserRequests.Update> items = Inputs.listOrEmpty(request.users());
        if (items.isEmpty()) {
            throw ApiException.badRequest("Name the users to update in users", "users");
        }
        if (items.size() > UserRequests.BulkUpdate.MAX_USERS) {
            throw ApiException.badRequest("At most " + UserRequests.BulkUpdate.MAX_USERS + " users per request", "users");
        }
        List<UserResponses.UserUpdateResult> results = new ArrayList<>();
        for (UserRequests.Update item : items) {
            String email = item.userEmail == null ? null : item.userEmail.orElse(null);
            try {
                UserView updated = update(caller, item);
                results.add(new UserResponses.UserUpdateResult(updated.userId(), updated.userEmail(), true, null, null,
                        new UserResponses.Updated(updated)));
            } catch (ApiException refused) {
                results.add(new UserResponses.UserUpdateResult(item.userId, email, false, refused.getMessage(),
                        String.valueOf(refused.status()), null));
            }
        }
        int updated = (int) results.stream().filter(UserResponses.UserUpdateResult::success).count();
        return new UserResponses.BulkUpdate(results, items.size(), updated, items.size() - updated);
    }

    public List<String> delete(Caller caller, UserRequests.Delete request) {
        return jdbi.inTransaction(handle -> {
            UserDao users = handle.attach(UserDao.class);
            List<UserRow> targets = LockOrder.lockEach(request.userIds(), userId -> users.findForUpdate(userId)
                    .orElseThrow(() -> ApiException.notFound("User not found: " + userId, "user_ids")));
            List<Targets.User> described = new ArrayList<>();
            for (UserRow user : targets) {
                Targets.User target = targetOf(handle, user.userId());
                policy.checkUser(caller, Action.USER_DELETE, target);
                described.add(target);
            }
            List<String> ids = targets.stream().map(UserRow::userId).distinct().toList();
            users.delete(ids);
            for (int i = 0; i < targets.size(); i++) {
                audit.record(handle, caller, "user.delete", "user", targets.get(i).userId(),
                        firstOrNull(described.get(i).organizationIds()), UserView.of(targets.get(i), json), null);
            }
            return ids;
        });
    }

    public UserResponses.Page list(Caller caller, Integer page, Integer pageSize, UserRole role, String email) {
        Paging paging = Paging.of(page, pageSize, 25, "page_size");
        Visibility visibility = policy.userVisibility(caller);
        UserListQuery query = new UserListQuery(visibility.all(), visibility.userId(),
                List.copyOf(visibility.adminOrganizations()), List.copyOf(visibility.adminTeams()),
                role == null ? null : role.wire(), email);
        return jdbi.withExtension(UserDao.class, users -> {
            long total = users.count(query);
            List<UserView> rows = users.list(query, paging.size(), paging.offset()).stream()
                    .map(row -> UserView.of(row, json))
                    .toList();
            return new UserResponses.Page(rows, total, paging);
        });
    }

    /**
     * GET /user/available_roles: every platform role a user may be given, in {@link UserRole}'s order,
     * as LiteLLM's UI reads them (role name to description and label). The switch has no default, so
     * a new role does not compile until it is described here.
     */
    public Map<String, UserResponses.AvailableRole> availableRoles(Caller caller) {
        policy.checkNobodysData(caller, Action.USER_ROLES_READ);
        Map<String, UserResponses.AvailableRole> roles = new LinkedHashMap<>();
        for (UserRole role : UserRole.values()) {
            roles.put(role.wire(), switch (role) {
                case PROXY_ADMIN -> new UserResponses.AvailableRole("Proxy admin: may do everything", "Admin (All Permissions)");
                case PROXY_ADMIN_VIEWER -> new UserResponses.AvailableRole("Proxy admin viewer: may read everything, write nothing",
                        "Admin (View Only)");
                case INTERNAL_USER -> new UserResponses.AvailableRole(
                        "Internal user: manages their own keys and reads their teams and organizations",
                        "Internal User (Create/Delete/View)");
                case INTERNAL_USER_VIEWER -> new UserResponses.AvailableRole(
                        "Internal user viewer: reads what an internal user may read, writes nothing", "Internal User (View Only)");
            });
        }
        return roles;
    }

    private static Targets.User targetOf(Handle handle, String userId) {
        UserDao users = handle.attach(UserDao.class);
        return new Targets.User(userId, Set.copyOf(users.organizationIds(userId)), Set.copyOf(users.teamIds(userId)),
                Set.of());
    }

    private static void requireFreeEmail(UserDao users, String email, String ownerUserId) {
        if (email != null) {
            users.findByEmail(email)
                    .filter(existing -> !existing.userId().equals(ownerUserId))
                    .ifPresent(existing -> {
                        throw ApiException.badRequest("user_email already in use: " + email, "user_email");
                    });
        }
    }

    /** Audit rows carry one organization; a user's first (sorted) stands for them. */
    private static String firstOrNull(Set<String> organizationIds) {
        return organizationIds.stream().sorted().findFirst().orElse(null);
    }
}
