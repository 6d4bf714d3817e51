package dev.keygate.orgs;

import dev.keygate.audit.AuditLog;
import dev.keygate.auth.Caller;
import dev.keygate.budgets.BudgetService;
import dev.keygate.auth.OrgRole;
import dev.keygate.db.JsonColumns;
import dev.keygate.db.LockOrder;
import dev.keygate.db.RowUpdate;
import dev.keygate.limits.BudgetReset;
import dev.keygate.policy.Action;
import dev.keygate.policy.Policy;
import dev.keygate.policy.Targets;
import dev.keygate.policy.Visibility;
import dev.keygate.teams.TeamDao;
import dev.keygate.teams.TeamRow;
import dev.keygate.teams.TeamView;
import dev.keygate.users.UserLookup;
import dev.keygate.users.UserRow;
import dev.keygate.users.UserService;
import dev.keygate.web.ApiException;
import dev.keygate.web.Inputs;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** Organizations and their memberships. Order everywhere: load (404), policy (403), validate (400), act, audit. */
public final class OrganizationService {

    private final Jdbi jdbi;
    private final Policy policy;
    private final JsonColumns json;
    private final AuditLog audit;
    private final UserService users;
    private final Clock clock;

    public OrganizationService(Jdbi jdbi, Policy policy, JsonColumns json, AuditLog audit, UserService users,
                               Clock clock) {
        this.jdbi = jdbi;
        this.policy = policy;
        this.json = json;
        this.audit = audit;
        this.users = users;
        this.clock = clock;
    }

    public OrganizationView create(Caller caller, NewOrganizationRequest request) {
        policy.checkOrganization(caller, Action.ORGANIZATION_CREATE, request.organizationId());
        String id = request.organizationId() != null ? request.organizationId() : UUID.randomUUID().toString();
        return jdbi.inTransaction(handle -> {
            OrganizationDao organizations = handle.attach(OrganizationDao.class);
            if (organizations.exists(id)) {
                throw ApiException.badRequest("organization_id already exists: " + id, "organization_id");
            }
            if (request.budgetId() != null) {
                BudgetService.held(handle, request.budgetId());
            }
            OrganizationRow row = new OrganizationRow(id, request.organizationAlias(),
                    Inputs.listOrEmpty(request.models()), request.maxBudget(),
                    request.budgetDuration(), BudgetReset.first(request.budgetDuration(), clock.instant()),
                    request.tpmLimit(), request.rpmLimit(), BigDecimal.ZERO, json.write(request.metadata()),
                    request.budgetId(), caller.actorId(), caller.actorId(), null, null);
            OrganizationView created = OrganizationView.of(organizations.insert(row),
                    BudgetService.view(handle, request.budgetId(), json), json);
            audit.record(handle, caller, "organization.new", "organization", id, id, null, created);
            return created;
        });
    }

    /** The updated organization with its members and teams, as LiteLLM answers an update. */
    public OrganizationDetails update(Caller caller, OrganizationRequests.Update request) {
        return jdbi.inTransaction(handle -> {
            OrganizationRow before = lock(handle, request.organizationId);
            policy.checkOrganization(caller, Action.ORGANIZATION_UPDATE, before.organizationId());
            RowUpdate update = new RowUpdate("organizations", "organization_id", Set.of("metadata"));
            if (request.organizationAlias != null) {
                if (request.organizationAlias.isBlank()) {
                    throw ApiException.badRequest("organization_alias may not be blank", "organization_alias");
                }
                update.set("organization_alias", request.organizationAlias);
            }
            if (request.models != null) {
                update.set("models", request.models);
            }
            update.setIfSent("max_budget", request.maxBudget());
            BudgetReset.setIfSent(update, request.budgetDuration(), clock.instant());
            update.setIfSent("tpm_limit", request.tpmLimit());
            update.setIfSent("rpm_limit", request.rpmLimit());
            if (request.metadata != null) {
                update.set("metadata", json.write(request.metadata));
            }
            if (update.setIfSent("budget_id", request.budgetId()) && update.value("budget_id") instanceof String tier) {
                BudgetService.held(handle, tier);
            }
            OrganizationRow after = update.execute(handle, before.organizationId(), caller.actorId(),
                    OrganizationRow.class);
            audit.record(handle, caller, "organization.update", "organization", after.organizationId(),
                    after.organizationId(), OrganizationView.of(before, json), OrganizationView.of(after, json));
            return details(handle, caller, after);
        });
    }

    public List<String> delete(Caller caller, OrganizationRequests.Delete request) {
        return jdbi.inTransaction(handle -> {
            List<OrganizationRow> targets = LockOrder.lockEach(request.organizationIds(), id -> lock(handle, id));
            for (OrganizationRow target : targets) {
                policy.checkOrganization(caller, Action.ORGANIZATION_DELETE, target.organizationId());
            }
            List<String> ids = targets.stream().map(OrganizationRow::organizationId).distinct().toList();
            handle.attach(OrganizationDao.class).delete(ids);
            for (OrganizationRow target : targets) {
                audit.record(handle, caller, "organization.delete", "organization", target.organizationId(),
                        target.organizationId(), OrganizationView.of(target, json), null);
            }
            return ids;
        });
    }

    public OrganizationDetails info(Caller caller, String organizationId) {
        if (organizationId == null || organizationId.isBlank()) {
            throw ApiException.badRequest("organization_id is required", "organization_id");
        }
        return jdbi.inTransaction(handle -> {
            OrganizationRow row = handle.attach(OrganizationDao.class).find(organizationId)
                    .orElseThrow(() -> notFound(organizationId));
            policy.checkOrganization(caller, Action.ORGANIZATION_READ, organizationId);
            return details(handle, caller, row);
        });
    }

    /** Each organization the caller may read with its members and teams, as LiteLLM lists them. */
    public List<OrganizationDetails> list(Caller caller) {
        Visibility visibility = policy.organizationVisibility(caller);
        return jdbi.inTransaction(handle -> handle.attach(OrganizationDao.class)
                .list(visibility.all(), visibility.memberOrganizations()).stream()
                .map(row -> details(handle, caller, row))
                .toList());
    }

    /**
     * Adds members; a member naming a user Keygate does not know creates that user (LiteLLM's
     * behaviour), only for a caller the policy lets onboard into this organization.
     */
    public OrganizationMembersAdded addMembers(Caller caller, OrganizationRequests.MemberAdd request) {
        return jdbi.inTransaction(handle -> {
            OrganizationRow organization = lock(handle, request.organizationId());
            String organizationId = organization.organizationId();
            policy.checkOrganization(caller, Action.ORGANIZATION_MEMBERS, organizationId);
            // Held before they are looked up (LockOrder): one deleted meanwhile is a 404, not a foreign-key 500.
            LockOrder.holdParents(handle, List.of(), List.of(),
                    request.member().stream().map(OrganizationMember::userId).toList());
            List<Optional<UserRow>> named = request.member().stream()
                    .map(member -> UserLookup.findNamed(handle, member.userId(), member.userEmail(), "member"))
                    .toList();
            if (named.stream().anyMatch(Optional::isEmpty)) {
                policy.checkOrganizationMemberOnboarding(caller, organizationId);
            }
            OrganizationDao organizations = handle.attach(OrganizationDao.class);
            Set<String> added = new HashSet<>();
            for (int i = 0; i < named.size(); i++) {
                OrganizationMember member = request.member().get(i);
                String userId = named.get(i).isPresent() ? named.get(i).get().userId()
                        : users.createForMembership(handle, caller, member.userId(), member.userEmail(), organizationId)
                                .userId();
                if (organizations.memberRole(organizationId, userId).isPresent()) {
                    throw ApiException.badRequest("User " + userId + " is already a member of this organization",
                            "member");
                }
                organizations.addMember(organizationId, userId, member.roleOrDefault().wire());
                audit.record(handle, caller, "organization.member_add", "organization_member", userId,
                        organizationId, null, new OrganizationMember(userId, null, member.roleOrDefault()));
                added.add(userId);
            }
            return OrganizationMembersAdded.of(details(handle, caller, organization), added);
        });
    }

    public OrganizationMemberChanged updateMember(Caller caller, OrganizationRequests.MemberUpdate request) {
        return jdbi.inTransaction(handle -> {
            OrganizationRow organization = lock(handle, request.organizationId());
            UserRow user = UserLookup.require(handle, request.userId(), request.userEmail(), "user_id");
            OrganizationDao organizations = handle.attach(OrganizationDao.class);
            String before = memberRole(handle, organization, user);
            policy.checkOrganization(caller, Action.ORGANIZATION_MEMBERS, organization.organizationId());
            organizations.updateMember(organization.organizationId(), user.userId(), request.role().wire());
            audit.record(handle, caller, "organization.member_update", "organization_member", user.userId(),
                    organization.organizationId(), new OrganizationMember(user.userId(), null,
                            OrgRole.fromWire(before)),
                    new OrganizationMember(user.userId(), null, request.role()));
            return new OrganizationMemberChanged(details(handle, caller, organization), user.userId(),
                    request.role().wire(), user.userEmail());
        });
    }

    public OrganizationMemberChanged removeMember(Caller caller, OrganizationRequests.MemberDelete request) {
        return jdbi.inTransaction(handle -> {
            OrganizationRow organization = lock(handle, request.organizationId());
            UserRow user = UserLookup.require(handle, request.userId(), request.userEmail(), "user_id");
            OrganizationDao organizations = handle.attach(OrganizationDao.class);
            String before = memberRole(handle, organization, user);
            policy.checkOrganization(caller, Action.ORGANIZATION_MEMBERS, organization.organizationId());
            organizations.removeMember(organization.organizationId(), user.userId());
            audit.record(handle, caller, "organization.member_delete", "organization_member", user.userId(),
                    organization.organizationId(), new OrganizationMember(user.userId(), null,
                            OrgRole.fromWire(before)), null);
            return new OrganizationMemberChanged(details(handle, caller, organization), user.userId(), before,
                    user.userEmail());
        });
    }

    /**
     * The organization with its members and, as team objects, the teams in it that the caller may read:
     * reading an organization does not grant reading each of its teams (their members, emails, budgets).
     */
    private OrganizationDetails details(Handle handle, Caller caller, OrganizationRow row) {
        List<OrganizationMembership> members = handle.attach(OrganizationDao.class).members(row.organizationId())
                .stream().map(OrganizationMembership::of).toList();
        TeamDao teams = handle.attach(TeamDao.class);
        List<TeamRow> readable = teams.inOrganization(row.organizationId()).stream()
                .filter(team -> policy.mayTeam(caller, Action.TEAM_READ,
                        new Targets.Team(team.teamId(), team.organizationId())))
                .toList();
        return new OrganizationDetails(OrganizationView.of(row, BudgetService.view(handle, row.budgetId(), json), json),
                members, TeamView.ofAll(teams, readable, json));
    }

    /** The member's role, its user held (LockOrder) so it cannot go while the membership changes; 404 when gone. */
    private static String memberRole(Handle handle, OrganizationRow organization, UserRow user) {
        LockOrder.holdParents(handle, List.of(), List.of(), List.of(user.userId()));
        return handle.attach(OrganizationDao.class).memberRole(organization.organizationId(), user.userId())
                .orElseThrow(() -> ApiException.notFound("User " + user.userId()
                        + " is not a member of this organization", "user_id"));
    }

    private static OrganizationRow lock(Handle handle, String organizationId) {
        return handle.attach(OrganizationDao.class).findForUpdate(organizationId)
                .orElseThrow(() -> notFound(organizationId));
    }

    private static ApiException notFound(String organizationId) {
        return ApiException.notFound("Organization not found: " + organizationId, "organization_id");
    }

}
