package dev.keygate.teams;

import static dev.keygate.web.Inputs.listOrEmpty;

import dev.keygate.audit.AuditLog;
import dev.keygate.auth.Caller;
import dev.keygate.compat.LiteLlmMetadataFields;
import dev.keygate.db.JsonColumns;
import dev.keygate.db.LockOrder;
import dev.keygate.db.RowUpdate;
import dev.keygate.keys.KeyQueries;
import dev.keygate.limits.BudgetReset;
import dev.keygate.limits.Limits;
import dev.keygate.auth.OrgRole;
import dev.keygate.orgs.OrganizationDao;
import dev.keygate.orgs.OrganizationMember;
import dev.keygate.orgs.OrganizationRow;
import dev.keygate.policy.Action;
import dev.keygate.policy.Policy;
import dev.keygate.policy.Targets;
import dev.keygate.policy.Visibility;
import dev.keygate.users.UserLookup;
import dev.keygate.users.UserRow;
import dev.keygate.users.UserService;
import dev.keygate.web.ApiException;
import dev.keygate.web.Inputs;
import dev.keygate.web.Paging;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** Teams and their memberships. Order everywhere: load (404), policy (403), validate (400), act, audit. */
public final class TeamService {

    /** LiteLLM's default for what plain members may do with their keys in a team. */
    static final List<String> DEFAULT_MEMBER_PERMISSIONS = List.of("/key/info", "/key/health");

    private final Jdbi jdbi;
    private final Policy policy;
    private final JsonColumns json;
    private final AuditLog audit;
    private final KeyQueries keys;
    private final UserService users;
    private final Clock clock;

    /** Every permission a team may grant its plain members, sorted. */
    private static final List<String> ALL_PERMISSIONS = Policy.TEAM_MEMBER_PERMISSIONS.stream().sorted().toList();

    public TeamService(Jdbi jdbi, Policy policy, JsonColumns json, AuditLog audit, KeyQueries keys,
                       UserService users, Clock clock) {
        this.jdbi = jdbi;
        this.policy = policy;
        this.json = json;
        this.audit = audit;
        this.keys = keys;
        this.users = users;
        this.clock = clock;
    }

    public TeamView create(Caller caller, NewTeamRequest request) {
        return jdbi.inTransaction(handle -> {
            String organizationId = request.organizationId();
            // Held before they are looked up (LockOrder): one deleted meanwhile is a 404, not a foreign-key 500.
            LockOrder.holdParents(handle, Collections.singletonList(organizationId), List.of(),
                    listOrEmpty(request.membersWithRoles()).stream().map(TeamMember::userId).toList());
            OrganizationRow organization = organizationId == null ? null
                    : handle.attach(OrganizationDao.class).find(organizationId)
                            .orElseThrow(() -> ApiException.notFound("Organization not found: " + organizationId,
                                    "organization_id"));
            List<TeamMemberRow> members = new ArrayList<>();
            for (TeamMember member : listOrEmpty(request.membersWithRoles())) {
                UserRow user = UserLookup.require(handle, member.userId(), member.userEmail(), "members_with_roles");
                members.add(new TeamMemberRow(null, user.userId(), member.roleOrDefault().wire(),
                        member.maxBudgetInTeam(), BigDecimal.ZERO));
            }
            policy.checkTeam(caller, Action.TEAM_CREATE, new Targets.Team(null, organizationId));

            TeamDao teams = handle.attach(TeamDao.class);
            String teamId = request.teamId() != null ? request.teamId() : UUID.randomUUID().toString();
            if (teams.exists(teamId)) {
                throw ApiException.badRequest("team_id already exists: " + teamId, "team_id");
            }
            requireDistinctUsers(members, "members_with_roles");
            List<String> permissions = request.teamMemberPermissions() == null ? DEFAULT_MEMBER_PERMISSIONS
                    : requireKnownPermissions(request.teamMemberPermissions());
            TeamRow candidate = new TeamRow(teamId, request.teamAlias(), organizationId,
                    listOrEmpty(request.models()), request.maxBudget(),
                    request.budgetDuration(), BudgetReset.first(request.budgetDuration(), clock.instant()),
                    request.tpmLimit(), request.rpmLimit(), BigDecimal.ZERO, json.write(request.metadata()),
                    Boolean.TRUE.equals(request.blocked()), permissions, caller.actorId(), caller.actorId(), null, null);
            requireWithinOrganization(candidate, organization);
            TeamRow row = teams.insert(candidate);
            for (TeamMemberRow member : members) {
                teams.addMember(new TeamMemberRow(teamId, member.userId(), member.role(), member.maxBudgetInTeam(),
                        member.spend()));
            }
            TeamView created = view(handle, row);
            audit.record(handle, caller, "team.new", "team", teamId, organizationId, null, created);
            return created;
        });
    }

    /**
     * A team a sign-in token names and Keygate does not know yet ({@code jwt.team_id_upsert}):
     * created with the token's alias, in the token's organization when that exists, with the default
     * member permissions and no limits; audited as {@code team.new} by the caller signing in. Two
     * first sign-ins at once create one team: they take turns on a lock on the id.
     */
    public void createForSignIn(Caller signingIn, String teamId, String alias, String organizationId) {
        jdbi.useTransaction(handle -> {
            LockOrder.claim(handle, "team", teamId);
            TeamDao teams = handle.attach(TeamDao.class);
            if (teams.exists(teamId)) {
                return;
            }
            String organization = organizationId != null
                    && handle.attach(OrganizationDao.class).find(organizationId).isPresent() ? organizationId : null;
            TeamRow row = teams.insert(new TeamRow(teamId, alias, organization, List.of(), null, null, null, null, null,
                    BigDecimal.ZERO, json.write(null), false, DEFAULT_MEMBER_PERMISSIONS, signingIn.actorId(),
                    signingIn.actorId(), null, null));
            audit.record(handle, signingIn, "team.new", "team", teamId, organization, null, view(handle, row));
        });
    }

    public TeamView update(Caller caller, TeamRequests.Update request) {
        return jdbi.inTransaction(handle -> {
            // An organization the team may move to is held before the team is locked (LockOrder), since
            // the team will point at it; holding one that does not exist holds nothing.
            if (request.organizationId != null) {
                LockOrder.holdParents(handle, Collections.singletonList(request.organizationId.orElse(null)),
                        List.of(), List.of());
            }
            return update(handle, caller, lock(handle, request.teamId), request);
        });
    }

    /** /team/update on a team already locked: policy (403), validation (400), the change, its audit. */
    private TeamView update(Handle handle, Caller caller, TeamRow before, TeamRequests.Update request) {
        Targets.Team target = new Targets.Team(before.teamId(), before.organizationId());
        RowUpdate update = new RowUpdate("teams", "team_id", Set.of("metadata"));
        Set<Action> needed = EnumSet.noneOf(Action.class);
        if (request.teamAlias != null) {
            update.set("team_alias", request.teamAlias.orElse(null));
            needed.add(Action.TEAM_UPDATE);
        }
        if (request.models != null) {
            update.set("models", request.models);
            needed.add(Action.TEAM_UPDATE_LIMITS);
        }
        if (update.setIfSent("max_budget", request.maxBudget)
                | update.setIfSent("tpm_limit", request.tpmLimit)
                | update.setIfSent("rpm_limit", request.rpmLimit)) {
            needed.add(Action.TEAM_UPDATE_LIMITS);
        }
        if (request.budgetDuration != null) {
            needed.add(Action.TEAM_UPDATE_LIMITS);
        }
        if (request.teamMemberPermissions != null) {
            update.set("team_member_permissions", requireKnownPermissions(request.teamMemberPermissions));
            needed.add(Action.TEAM_PERMISSIONS_UPDATE);
        }
        if (request.blocked != null) {
            update.set("blocked", request.blocked);
            needed.add(Action.TEAM_BLOCK);
        }
        needed.add(Action.TEAM_UPDATE);
        // "" is no organization too, as in LiteLLM.
        Optional<String> named = request.organizationId == null ? null
                : request.organizationId.filter(id -> !id.isEmpty());
        boolean moves = Inputs.changes(named, before.organizationId());
        String destination = moves ? named.orElse(null) : before.organizationId();
        if (moves && destination != null && !handle.attach(OrganizationDao.class).exists(destination)) {
            throw ApiException.notFound("Organization not found: " + destination, "organization_id");
        }
        for (Action action : needed) {
            policy.checkTeam(caller, action, target);
        }
        if (moves) {
            policy.checkTeamMove(caller, target, destination);
            requireMembersIn(handle, before.teamId(), destination);
            update.set("organization_id", destination);
        }
        // Metadata is a TEAM_UPDATE change, which every update is checked for above.
        Map<String, Object> metadata = LiteLlmMetadataFields.applied(request.metadata, json.read(before.metadata()),
                request.keptInMetadata().entries());
        if (metadata != null) {
            update.set("metadata", json.write(metadata));
        }
        BudgetReset.setIfSent(update, request.budgetDuration, clock.instant());
        TeamRow after = update.execute(handle, before.teamId(), caller.actorId(), TeamRow.class);
        requireWithinOrganization(after, organizationOf(handle, after));
        if (moves) {
            handle.attach(TeamDao.class).moveKeys(after.teamId(), destination);
        }
        return audited(handle, caller, "team.update", before, after);
    }

    /**
     * A team moves into an organization only with all its members in it (LiteLLM's check too): Keygate
     * scopes users by organization membership, so a member outside it would be one its org admins
     * administer keys of but cannot see. 400 naming them; they join with /organization/member_add first.
     */
    private static void requireMembersIn(Handle handle, String teamId, String organizationId) {
        if (organizationId == null) {
            return;
        }
        List<String> outside = handle.attach(TeamDao.class).membersOutside(teamId, organizationId);
        if (!outside.isEmpty()) {
            throw ApiException.badRequest("Members " + outside + " of the team are not members of organization "
                    + organizationId + ": add them to it first", "organization_id");
        }
    }

    /**
     * POST /team/model/add and /team/model/delete: a /team/update of the team's model list (the same
     * policy, validation and audit), the list worked out under the team's lock. An empty list means
     * every model, so adding to it changes nothing (LiteLLM keeps "all-proxy-models" there too), and
     * removing a list's last models would widen it to every model: 400 instead.
     */
    public TeamView changeModels(Caller caller, TeamRequests.Models request, boolean add) {
        return jdbi.inTransaction(handle -> {
            TeamRow before = lock(handle, request.teamId());
            Set<String> models = new java.util.LinkedHashSet<>(before.models());
            if (add && !models.isEmpty()) {
                models.addAll(request.models());
            } else if (!add) {
                models.removeAll(request.models());
            }
            TeamRequests.Update change = new TeamRequests.Update();
            change.teamId = before.teamId();
            change.models = List.copyOf(models);
            if (!add && models.isEmpty() && !before.models().isEmpty()) {
                // Decided first, as update() would: a caller who may not change the models learns nothing more.
                policy.checkTeam(caller, Action.TEAM_UPDATE_LIMITS, new Targets.Team(before.teamId(), before.organizationId()));
                throw ApiException.badRequest("Removing every model of the team would allow it every model; "
                        + "keep at least one", "models");
            }
            return update(handle, caller, before, change);
        });
    }

    /**
     * GET /team/available: LiteLLM lists the teams of its {@code available_teams} setting, and answers
     * 400 when none is configured. Keygate has no such setting, so it answers that, to every caller who
     * may call management routes.
     */
    public List<TeamView> available(Caller caller) {
        policy.checkNobodysData(caller, Action.TEAM_AVAILABLE_READ);
        throw ApiException.badRequest("No available teams for user to join: Keygate has no available_teams setting",
                null);
    }

    /**
     * POST /team/bulk_member_add: the team (404) and the caller's right to manage its members (403) for
     * the whole request, then each member exactly as /team/member_add adds it, in its own transaction,
     * so one refused member (already in the team, a user the caller may not create) leaves the others
     * added and is reported with the status member_add would have answered.
     */
    public TeamResponses.BulkMemberAdd bulkAddMembers(Caller caller, TeamRequests.BulkMemberAdd request) {
        TeamRow team = jdbi.withExtension(TeamDao.class, teams -> teams.find(request.teamId()))
                .orElseThrow(() -> notFound(request.teamId()));
        policy.checkTeam(caller, Action.TEAM_MEMBERS, new Targets.Team(team.teamId(), team.organizationId()));
        List<TeamMember> members = listOrEmpty(request.members());
        if (members.isEmpty()) {
            throw ApiException.badRequest("At least one member is required", "members");
        }
        if (members.size() > TeamRequests.BulkMemberAdd.MAX_MEMBERS) {
            throw ApiException.badRequest("At most " + TeamRequests.BulkMemberAdd.MAX_MEMBERS + " members per request",
                    "members");
        }
        List<TeamResponses.MemberAddResult> results = new ArrayList<>();
        TeamView updated = null;
        for (TeamMember member : members) {
            try {
                TeamResponses.MembersAdded added = addMembers(caller, new MemberAddRequest(team.teamId(), List.of(member)));
                updated = added.team();
                TeamMembership membership = added.added().isEmpty() ? null : added.added().get(0);
                results.add(new TeamResponses.MemberAddResult(membership == null ? member.userId() : membership.userId(),
                        member.userEmail(), true, null, null, null, membership));
            } catch (ApiException refused) {
                results.add(new TeamResponses.MemberAddResult(member.userId(), member.userEmail(), false,
                        refused.getMessage(), String.valueOf(refused.status()), null, null));
            }
        }
        int added = (int) results.stream().filter(TeamResponses.MemberAddResult::success).count();
        return new TeamResponses.BulkMemberAdd(team.teamId(), results, members.size(), added, members.size() - added,
                updated);
    }

    public TeamView setBlocked(Caller caller, String teamId, boolean blocked) {
        return jdbi.inTransaction(handle -> {
            TeamRow before = lock(handle, teamId);
            policy.checkTeam(caller, Action.TEAM_BLOCK, new Targets.Team(before.teamId(), before.organizationId()));
            TeamRow after = new RowUpdate("teams", "team_id", Set.of()).set("blocked", blocked)
                    .execute(handle, before.teamId(), caller.actorId(), TeamRow.class);
            return audited(handle, caller, blocked ? "team.block" : "team.unblock", before, after);
        });
    }

    public TeamResponses.Permissions permissions(Caller caller, String teamId) {
        if (teamId == null || teamId.isBlank()) {
            throw ApiException.badRequest("team_id is required", "team_id");
        }
        TeamRow team = jdbi.withExtension(TeamDao.class, teams -> teams.find(teamId))
                .orElseThrow(() -> notFound(teamId));
        policy.checkTeam(caller, Action.TEAM_READ, new Targets.Team(team.teamId(), team.organizationId()));
        return permissionsOf(team);
    }

    public TeamResponses.PermissionsUpdated updatePermissions(Caller caller, TeamRequests.PermissionsUpdate request) {
        return jdbi.inTransaction(handle -> {
            TeamRow before = lock(handle, request.teamId());
            policy.checkTeam(caller, Action.TEAM_PERMISSIONS_UPDATE,
                    new Targets.Team(before.teamId(), before.organizationId()));
            TeamRow after = new RowUpdate("teams", "team_id", Set.of())
                    .set("team_member_permissions", requireKnownPermissions(request.teamMemberPermissions()))
                    .execute(handle, before.teamId(), caller.actorId(), TeamRow.class);
            audited(handle, caller, "team.permissions_update", before, after);
            return new TeamResponses.PermissionsUpdated(view(handle, after), ALL_PERMISSIONS);
        });
    }

    public List<String> delete(Caller caller, TeamRequests.Delete request) {
        return jdbi.inTransaction(handle -> {
            List<TeamRow> targets = LockOrder.lockEach(request.teamIds(), teamId -> lock(handle, teamId));
            for (TeamRow team : targets) {
                policy.checkTeam(caller, Action.TEAM_DELETE, new Targets.Team(team.teamId(), team.organizationId()));
            }
            List<String> ids = targets.stream().map(TeamRow::teamId).distinct().toList();
            List<TeamView> before = targets.stream().map(team -> view(handle, team)).toList();
            handle.attach(TeamDao.class).delete(ids);
            for (TeamView team : before) {
                audit.record(handle, caller, "team.delete", "team", team.teamId(), team.organizationId(), team, null);
            }
            return ids;
        });
    }

    public TeamResponses.Info info(Caller caller, String teamId) {
        if (teamId == null || teamId.isBlank()) {
            throw ApiException.badRequest("team_id is required", "team_id");
        }
        TeamView team = jdbi.inTransaction(handle -> {
            TeamRow row = handle.attach(TeamDao.class).find(teamId).orElseThrow(() -> notFound(teamId));
            policy.checkTeam(caller, Action.TEAM_READ, new Targets.Team(row.teamId(), row.organizationId()));
            return view(handle, row);
        });
        List<Object> teamKeys = keys.oldestVisible(caller, null, teamId);
        return new TeamResponses.Info(team.teamId(), team, teamKeys, team.teamMemberships());
    }

    /**
     * GET /team/list: the teams the caller may read, each with its keys as LiteLLM lists them (the ones
     * the caller may read, as in /team/info: one short index scan per team).
     */
    public List<TeamResponses.Listed> list(Caller caller, String userId, String organizationId) {
        TeamListQuery query = TeamListQuery.of(policy.teamVisibility(caller), organizationId, userId, null, null);
        List<TeamView> visible = jdbi.inTransaction(handle -> {
            TeamDao teams = handle.attach(TeamDao.class);
            return TeamView.ofAll(teams, teams.list(query), json);
        });
        return visible.stream()
                .map(team -> new TeamResponses.Listed(team, keys.oldestVisible(caller, null, team.teamId())))
                .toList();
    }

    /**
     * GET /v2/team/list: the teams {@link #list} shows (the same query and visibility), filtered further,
     * ordered and paged as LiteLLM pages them; {@code total} counts them all before paging.
     */
    public TeamResponses.Page page(Caller caller, TeamRequests.Page request) {
        Visibility visibility = policy.teamVisibility(caller);
        Paging paging = Paging.of(request.page(), request.pageSize(), 10, "page_size");
        TeamOrder order = TeamOrder.parse(request.sortBy(), request.sortOrder());
        TeamListQuery query = TeamListQuery.of(visibility, request.organizationId(), request.userId(), request.teamId(),
                request.teamAlias());
        return jdbi.inTransaction(handle -> {
            TeamDao teams = handle.attach(TeamDao.class);
            long total = teams.count(query);
            List<TeamView> page = TeamView.ofAll(teams, teams.page(query, order.sql(), paging.size(), paging.offset()), json);
            return new TeamResponses.Page(page.stream().map(TeamResponses.PageItem::new).toList(), total, paging);
        });
    }

    /**
     * Adds members; a member naming a user Keygate does not know creates that user (LiteLLM's
     * behaviour), in the team's organization too so that its org admins see whom they onboarded, and
     * only for a caller the policy lets onboard here. The team's organization is held before the team
     * is locked (LockOrder: organizations before teams), since a new user's organization membership
     * points at it.
     */
    public TeamResponses.MembersAdded addMembers(Caller caller, MemberAddRequest request) {
        return jdbi.inTransaction(handle -> {
            TeamDao teams = handle.attach(TeamDao.class);
            // The team's organization is read before it is held (it comes first); a move in between runs
            // the transaction again.
            String organizationId = teams.find(request.teamId()).orElseThrow(() -> notFound(request.teamId()))
                    .organizationId();
            LockOrder.holdParents(handle, Collections.singletonList(organizationId), List.of(), List.of());
            TeamRow team = lock(handle, request.teamId());
            LockOrder.requireUnmoved(organizationId, team.organizationId());
            Targets.Team target = new Targets.Team(team.teamId(), team.organizationId());
            policy.checkTeam(caller, Action.TEAM_MEMBERS, target);
            LockOrder.holdParents(handle, List.of(), List.of(), request.member().stream().map(TeamMember::userId).toList());
            List<Optional<UserRow>> named = request.member().stream()
                    .map(member -> UserLookup.findNamed(handle, member.userId(), member.userEmail(), "member"))
                    .toList();
            if (named.stream().anyMatch(Optional::isEmpty)) {
                policy.checkTeamMemberOnboarding(caller, target);
            }

            List<TeamMemberRow> members = new ArrayList<>();
            for (int i = 0; i < named.size(); i++) {
                TeamMember member = request.member().get(i);
                String userId = named.get(i).isPresent() ? named.get(i).get().userId()
                        : onboard(handle, caller, team, member);
                members.add(new TeamMemberRow(team.teamId(), userId, member.roleOrDefault().wire(),
                        member.maxBudgetInTeam(), BigDecimal.ZERO));
            }
            requireDistinctUsers(members, "member");
            for (TeamMemberRow member : members) {
                if (teams.isMember(team.teamId(), member.userId())) {
                    throw ApiException.badRequest("User " + member.userId() + " is already a member of this team",
                            "member");
                }
                teams.addMember(member);
                audit.record(handle, caller, "team.member_add", "team_member", member.userId(), team.organizationId(),
                        null, member);
            }
            return TeamResponses.MembersAdded.of(view(handle, team),
                    members.stream().map(TeamMemberRow::userId).collect(Collectors.toSet()));
        });
    }

    /** Creates the user a member names, as an internal user of the team's organization (if it has one). */
    private String onboard(Handle handle, Caller caller, TeamRow team, TeamMember member) {
        String userId = users.createForMembership(handle, caller, member.userId(), member.userEmail(),
                team.organizationId()).userId();
        if (team.organizationId() != null) {
            handle.attach(OrganizationDao.class).addMember(team.organizationId(), userId, OrgRole.INTERNAL_USER.wire());
            audit.record(handle, caller, "organization.member_add", "organization_member", userId,
                    team.organizationId(), null, new OrganizationMember(userId, null, OrgRole.INTERNAL_USER));
        }
        return userId;
    }

    public TeamResponses.MemberUpdated updateMember(Caller caller, TeamRequests.MemberUpdate request) {
        return jdbi.inTransaction(handle -> {
            TeamRow team = lock(handle, request.teamId);
            TeamMemberRow before = memberOf(handle, team, request.userId, request.userEmail);
            policy.checkTeam(caller, Action.TEAM_MEMBERS, new Targets.Team(team.teamId(), team.organizationId()));
            TeamMemberRow after = new TeamMemberRow(team.teamId(), before.userId(),
                    request.role == null ? before.role() : request.role.wire(),
                    request.maxBudgetInTeam == null ? before.maxBudgetInTeam() : request.maxBudgetInTeam.orElse(null),
                    before.spend());
            if (after.maxBudgetInTeam() != null && team.maxBudget() != null
                    && after.maxBudgetInTeam().compareTo(team.maxBudget()) > 0) {
                throw ApiException.badRequest("max_budget_in_team is above the team's max_budget", "max_budget_in_team");
            }
            handle.attach(TeamDao.class).updateMember(after);
            audit.record(handle, caller, "team.member_update", "team_member", after.userId(), team.organizationId(),
                    before, after);
            TeamView updated = view(handle, team);
            return new TeamResponses.MemberUpdated(updated, updated.membersWithRoles().stream()
                    .filter(member -> member.userId().equals(after.userId())).findFirst().orElseThrow());
        });
    }

    public TeamView removeMember(Caller caller, TeamRequests.MemberDelete request) {
        return jdbi.inTransaction(handle -> {
            TeamRow team = lock(handle, request.teamId());
            TeamMemberRow before = memberOf(handle, team, request.userId(), request.userEmail());
            policy.checkTeam(caller, Action.TEAM_MEMBERS, new Targets.Team(team.teamId(), team.organizationId()));
            handle.attach(TeamDao.class).removeMember(team.teamId(), before.userId());
            audit.record(handle, caller, "team.member_delete", "team_member", before.userId(), team.organizationId(),
                    before, null);
            return view(handle, team);
        });
    }

    private TeamView audited(Handle handle, Caller caller, String action, TeamRow before, TeamRow after) {
        TeamView view = view(handle, after);
        audit.record(handle, caller, action, "team", after.teamId(), after.organizationId(), view(handle, before), view);
        return view;
    }

    private TeamView view(Handle handle, TeamRow row) {
        TeamDao teams = handle.attach(TeamDao.class);
        return TeamView.of(row, teams.members(row.teamId()), teams.memberEmails(List.of(row.teamId())), json);
    }

    /** The membership, its user held (LockOrder) so it cannot go while the membership changes; 404 when gone. */
    private static TeamMemberRow memberOf(Handle handle, TeamRow team, String userId, String userEmail) {
        UserRow user = UserLookup.require(handle, userId, userEmail, "user_id");
        LockOrder.holdParents(handle, List.of(), List.of(), List.of(user.userId()));
        return handle.attach(TeamDao.class).member(team.teamId(), user.userId())
                .orElseThrow(() -> ApiException.notFound("User " + user.userId() + " is not a member of this team",
                        "user_id"));
    }

    private static TeamResponses.Permissions permissionsOf(TeamRow team) {
        return new TeamResponses.Permissions(team.teamId(), team.teamMemberPermissions(), ALL_PERMISSIONS);
    }

    private static OrganizationRow organizationOf(Handle handle, TeamRow team) {
        return team.organizationId() == null ? null
                : handle.attach(OrganizationDao.class).find(team.organizationId()).orElse(null);
    }

    private static void requireWithinOrganization(TeamRow team, OrganizationRow organization) {
        if (organization != null) {
            Limits.requireWithin(team.limits(), organization.limits(),
                    "organization " + organization.organizationId());
        }
    }

    private static List<String> requireKnownPermissions(List<String> permissions) {
        for (String permission : permissions) {
            // null is no permission either ("team_member_permissions": [null]; the set cannot look it up).
            if (permission == null || !Policy.TEAM_MEMBER_PERMISSIONS.contains(permission)) {
                throw ApiException.badRequest("Unknown team member permission " + permission + "; choose from "
                        + Policy.TEAM_MEMBER_PERMISSIONS.stream().sorted().toList(), "team_member_permissions");
            }
        }
        return List.copyOf(new java.util.LinkedHashSet<>(permissions));
    }

    private static TeamRow lock(Handle handle, String teamId) {
        return handle.attach(TeamDao.class).findForUpdate(teamId).orElseThrow(() -> notFound(teamId));
    }

    private static ApiException notFound(String teamId) {
        return ApiException.notFound("Team not found: " + teamId, "team_id");
    }

    private static void requireDistinctUsers(List<TeamMemberRow> members, String param) {
        Set<String> seen = new HashSet<>();
        for (TeamMemberRow member : members) {
            if (!seen.add(member.userId())) {
                throw ApiException.badRequest("User " + member.userId() + " is listed twice", param);
            }
        }
    }


}
