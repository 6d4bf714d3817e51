package dev.keygate.policy;

import dev.keygate.auth.Caller;
import dev.keygate.auth.UserRole;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The authorization policy: the only place that decides who may do what (docs/authz.md is its
 * table). Each decision has a boolean form ({@code may…}), a throwing form ({@code check…}, 403)
 * and, for lists, a {@link Visibility} (403 when the caller may see none of the kind). Resources call it after loading the target (404 first) and
 * before validating or acting.
 */
public final class Policy {

    /**
     * What an internal user may do with their own personal keys (no block: that is an admin's).
     * Deleting is not here: an owner may delete any key of theirs, personal or not.
     */
    private static final Set<Action> OWNER_KEY_ACTIONS = EnumSet.of(
            Action.KEY_GENERATE, Action.KEY_READ, Action.KEY_UPDATE, Action.KEY_REGENERATE);

    /** Fields an owner (not an admin) may change on a key. Budgets, limits and models come from admins. */
    public static final Set<String> OWNER_KEY_FIELDS = Set.of("key_alias", "metadata", "duration");

    /**
     * What a team's {@code team_member_permissions} may grant its plain members on their own keys
     * (LiteLLM's names). Reading, in info and list alike, is granted by {@code /key/info};
     * {@code /key/list} and {@code /key/health} are accepted for compatibility, and so is
     * {@code /key/delete}, which an owner never needs (see {@link #mayKey}).
     */
    public static final Set<String> TEAM_MEMBER_PERMISSIONS = Set.of("/key/generate", "/key/info", "/key/list",
            "/key/update", "/key/regenerate", "/key/delete", "/key/block", "/key/unblock", "/key/health");

    /** Fields a user may change on their own user record. */
    public static final Set<String> SELF_USER_FIELDS = Set.of("user_alias", "user_email", "metadata");

    // ---- keys -------------------------------------------------------------------------------

    public void checkKey(Caller caller, Action action, Targets.Key key) {
        if (!mayKey(caller, action, key)) {
            throw denied(action);
        }
    }

    public boolean mayKey(Caller caller, Action action, Targets.Key key) {
        // Any key may read itself: that is how a service account or an app checks its own budget.
        if (passesGates(caller, action) && action.isRead() && key.token() != null
                && key.token().equals(caller.keyToken())) {
            return true;
        }
        Optional<Boolean> decided = commonRules(caller, action);
        if (decided.isPresent()) {
            return decided.get();
        }
        if (administersKey(caller, key)) {
            return true;
        }
        if (caller.userId() == null || !caller.userId().equals(key.userId())) {
            return false;
        }
        if (action == Action.KEY_DELETE) {
            // Self-revocation is never a privilege: whoever holds a leaked key must be able to kill
            // it, whatever its team grants (LiteLLM lets a member delete their own team key too).
            // Key types and viewer roles, decided above, still apply.
            return true;
        }
        if (key.teamId() == null) {
            // A personal key may sit in an organization only if its owner does.
            return OWNER_KEY_ACTIONS.contains(action)
                    && (key.organizationId() == null || caller.isOrgMemberOf(key.organizationId()));
        }
        // Only a grant Keygate accepts counts: reset_spend, say, is never a member's, whatever a row says.
        return caller.isTeamMemberOf(key.teamId()) && TEAM_MEMBER_PERMISSIONS.contains(action.route())
                && key.teamMemberPermissions().contains(action.route());
    }

    /**
     * Setting a key's fields, at /key/generate and /key/update (and regenerate) alike: owners
     * (including members granted the route by their team) set only {@link #OWNER_KEY_FIELDS}; admins
     * of the key set anything (limits are validated later).
     */
    public void checkKeyFields(Caller caller, Action action, Targets.Key key, Set<String> fields) {
        checkKey(caller, action, key);
        boolean admin = isPlatformAdmin(caller, action) || administersKey(caller, key);
        if (!admin && !OWNER_KEY_FIELDS.containsAll(fields)) {
            throw new PolicyDenial("Only an admin of this key may change "
                    + fields.stream().filter(f -> !OWNER_KEY_FIELDS.contains(f)).sorted().toList());
        }
    }

    /**
     * Moving a key to another team, user or organization ({@code team_id}, {@code user_id},
     * {@code organization_id} on /key/update and /key/regenerate): the caller must be allowed to change
     * those fields of the key where it is ({@link #checkKeyFields}: an admin of the key, since they are
     * no owner's fields) and to create the key, with them, where it goes (the rule of /key/generate). So
     * a team admin moves keys between teams they administer, an org admin within their organization, a
     * proxy admin anywhere.
     */
    public void checkKeyMove(Caller caller, Action action, Targets.Key from, Targets.Key to, Set<String> fields) {
        checkKeyFields(caller, action, from, fields);
        checkKeyFields(caller, Action.KEY_GENERATE, to, fields);
    }

    public Visibility keyVisibility(Caller caller) {
        if (caller.isServiceAccount() && passesGates(caller, Action.KEY_READ)) {
            return Visibility.onlyKey(caller.keyToken());
        }
        Optional<Visibility> decided = commonVisibility(caller, Action.KEY_READ, "/key/list");
        return decided.isPresent() ? decided.get() : new Visibility(false, caller.keyToken(), caller.userId(), caller.adminOrganizations(),
                caller.adminTeams(), caller.teamRoles().keySet(), Set.of());
    }

    private static boolean administersKey(Caller caller, Targets.Key key) {
        return caller.isOrgAdminOf(key.organizationId()) || caller.isTeamAdminOf(key.teamId());
    }

    // ---- organizations ---------------------------------------------------------------------------

    public void checkOrganization(Caller caller, Action action, String organizationId) {
        if (!mayOrganization(caller, action, organizationId)) {
            throw denied(action);
        }
    }

    public boolean mayOrganization(Caller caller, Action action, String organizationId) {
        Optional<Boolean> decided = commonRules(caller, action);
        if (decided.isPresent()) {
            return decided.get();
        }
        return switch (action) {
            case ORGANIZATION_READ -> caller.isOrgMemberOf(organizationId);
            case ORGANIZATION_MEMBERS -> caller.isOrgAdminOf(organizationId);
            default -> false;
        };
    }

    /**
     * {@code /organization/member_add} naming a user Keygate does not know creates them (as LiteLLM
     * does): only for a caller who may both add members to the organization and create a user into
     * it at {@code /user/new}. So an org admin onboards into their own organization only, and nobody
     * gains a way to create users they did not have.
     */
    public boolean mayOnboardOrganizationMember(Caller caller, String organizationId) {
        return mayOrganization(caller, Action.ORGANIZATION_MEMBERS, organizationId)
                && mayUser(caller, Action.USER_CREATE, new Targets.User(null, Set.of(organizationId), Set.of(), Set.of()));
    }

    public void checkOrganizationMemberOnboarding(Caller caller, String organizationId) {
        if (!mayOnboardOrganizationMember(caller, organizationId)) {
            throw denied(Action.USER_CREATE);
        }
    }

    public Visibility organizationVisibility(Caller caller) {
        Optional<Visibility> decided = commonVisibility(caller, Action.ORGANIZATION_READ, "/organization/list");
        return decided.isPresent() ? decided.get() : new Visibility(false, null, caller.userId(), Set.of(), Set.of(), Set.of(),
                caller.organizationRoles().keySet());
    }

    // ---- teams -------------------------------------------------------------------------------

    public void checkTeam(Caller caller, Action action, Targets.Team team) {
        if (!mayTeam(caller, action, team)) {
            throw denied(action);
        }
    }

    public boolean mayTeam(Caller caller, Action action, Targets.Team team) {
        Optional<Boolean> decided = commonRules(caller, action);
        if (decided.isPresent()) {
            return decided.get();
        }
        if (caller.isOrgAdminOf(team.organizationId())) {
            return true;
        }
        return switch (action) {
            case TEAM_READ -> caller.isTeamMemberOf(team.teamId());
            case TEAM_UPDATE, TEAM_MEMBERS, TEAM_PERMISSIONS_UPDATE -> caller.isTeamAdminOf(team.teamId());
            default -> false;
        };
    }

    /**
     * Moving a team to another organization ({@code organization_id} on /team/update; null takes it out
     * of any): the caller must be allowed to set the team's limits where it is (they come from above:
     * an org admin of its organization or a proxy admin, never the team's own admin, who could otherwise
     * take the team out of its organization's limits) and to create a team where it goes (/team/new's rule).
     */
    public void checkTeamMove(Caller caller, Targets.Team team, String toOrganizationId) {
        checkTeam(caller, Action.TEAM_UPDATE_LIMITS, team);
        checkTeam(caller, Action.TEAM_CREATE, new Targets.Team(null, toOrganizationId));
    }

    /**
     * {@code /team/member_add} naming a user Keygate does not know creates them: only for a caller who
     * may both manage the team's members and create that user at {@code /user/new}, where the user
     * joins the team and, with it, the team's organization ({@link #newTeamMember}). A team admin adds
     * existing users only; an org admin onboards into their own organization's teams; a team without an
     * organization takes a proxy admin.
     */
    public boolean mayOnboardTeamMember(Caller caller, Targets.Team team) {
        return mayTeam(caller, Action.TEAM_MEMBERS, team) && mayUser(caller, Action.USER_CREATE, newTeamMember(team));
    }

    public void checkTeamMemberOnboarding(Caller caller, Targets.Team team) {
        if (!mayOnboardTeamMember(caller, team)) {
            throw denied(Action.USER_CREATE);
        }
    }

    /**
     * The user a team's member_add creates, as {@code /user/new} would describe it: in the team and in
     * the team's organization (none without one; {@code ""} stands for "no organization" among the
     * teams' organizations, which no org admin administers).
     */
    private static Targets.User newTeamMember(Targets.Team team) {
        String organizationId = team.organizationId();
        return new Targets.User(null, organizationId == null ? Set.of() : Set.of(organizationId), Set.of(team.teamId()),
                Set.of(organizationId == null ? "" : organizationId));
    }

    public Visibility teamVisibility(Caller caller) {
        Optional<Visibility> decided = commonVisibility(caller, Action.TEAM_READ, "/team/list");
        return decided.isPresent() ? decided.get() : new Visibility(false, null, caller.userId(), caller.adminOrganizations(), caller.adminTeams(),
                caller.teamRoles().keySet(), Set.of());
    }

    // ---- users -------------------------------------------------------------------------------

    public void checkUser(Caller caller, Action action, Targets.User user) {
        if (!mayUser(caller, action, user)) {
            throw denied(action);
        }
    }

    public boolean mayUser(Caller caller, Action action, Targets.User user) {
        Optional<Boolean> decided = commonRules(caller, action);
        if (decided.isPresent()) {
            return decided.get();
        }
        boolean self = caller.userId() != null && caller.userId().equals(user.userId());
        boolean inAdministeredOrganization = user.organizationIds().stream().anyMatch(caller::isOrgAdminOf);
        return switch (action) {
            case USER_READ -> self || inAdministeredOrganization
                    || user.teamIds().stream().anyMatch(caller::isTeamAdminOf);
            case USER_UPDATE -> self || inAdministeredOrganization;
            // Org admins onboard users into their own organizations (and those organizations' teams) only.
            case USER_CREATE -> !user.organizationIds().isEmpty()
                    && user.organizationIds().stream().allMatch(caller::isOrgAdminOf)
                    && user.teamOrganizationIds().stream().allMatch(caller::isOrgAdminOf);
            default -> false;
        };
    }

    public Visibility userVisibility(Caller caller) {
        Optional<Visibility> decided = commonVisibility(caller, Action.USER_READ, "/user/list");
        return decided.isPresent() ? decided.get() : new Visibility(false, null, caller.userId(), caller.adminOrganizations(), caller.adminTeams(),
                Set.of(), Set.of());
    }

    /**
     * Routes whose answer is the same for everyone and nobody's data ({@code /user/available_roles}:
     * Keygate's fixed roles; {@code /team/available}: LiteLLM's answer without an
     * {@code available_teams} setting): every key that may call management routes may ask (LiteLLM
     * asks only for a valid key); an {@code llm_api} key is refused as on every management route.
     */
    public void checkNobodysData(Caller caller, Action action) {
        if (!passesGates(caller, action)) {
            throw denied(action);
        }
    }

    // ---- JWT -> key mappings ---------------------------------------------------------------------

    /**
     * Which identity-provider clients authenticate as which key: platform configuration, so proxy
     * admins manage it and proxy admin viewers read it; nobody else (a team admin could otherwise
     * map an outside client onto a key of theirs that others rely on).
     */
    public void checkJwtKeyMappings(Caller caller, Action action) {
        if (!passesGates(caller, action) || !isPlatformAdmin(caller, action)) {
            throw denied(action);
        }
    }

    // ---- budget tiers ---------------------------------------------------------------------------

    /**
     * Budget tiers are global (one tier may limit keys of every organization), so only proxy admins
     * change them; proxy admin viewers read them, and so do org admins, who give tiers to the keys of
     * their organization and must see what a tier allows. Nobody else (LiteLLM: proxy admins only).
     */
    public void checkBudgets(Caller caller, Action action) {
        if (!passesGates(caller, action) || !(isPlatformAdmin(caller, action)
                || (action.isRead() && !caller.isServiceAccount() && !caller.adminOrganizations().isEmpty()))) {
            throw denied(action);
        }
    }

    // ---- spend -------------------------------------------------------------------------------

    /**
     * Reporting what a call cost moves every budget above the key and frees its parallel-request
     * slot: the gateway's job, so proxy admins only (the master key, or an admin's key the gateway
     * holds). A key reporting for itself could free its own slots.
     */
    public void checkSpendRecording(Caller caller) {
        if (!passesGates(caller, Action.SPEND_RECORD) || !isPlatformAdmin(caller, Action.SPEND_RECORD)) {
            throw denied(Action.SPEND_RECORD);
        }
    }

    // ---- audit -------------------------------------------------------------------------------

    /** Proxy admins (and viewers) read the whole trail, org admins their organizations'; nobody else. */
    public Visibility auditVisibility(Caller caller) {
        if (!passesGates(caller, Action.AUDIT_READ) || caller.isServiceAccount()) {
            throw denied(Action.AUDIT_READ);
        }
        if (isPlatformAdmin(caller, Action.AUDIT_READ)) {
            return Visibility.EVERYTHING;
        }
        if (caller.adminOrganizations().isEmpty()) {
            throw denied(Action.AUDIT_READ);
        }
        return new Visibility(false, null, null, caller.adminOrganizations(), Set.of(), Set.of(), Set.of());
    }

    // ---- shared rules ------------------------------------------------------------------------

    /**
     * What every decision starts with: key types, platform roles, service accounts and viewers.
     * Empty when the caller's memberships must decide.
     */
    private static Optional<Boolean> commonRules(Caller caller, Action action) {
        if (!passesGates(caller, action)) {
            return Optional.of(false);
        }
        if (isPlatformAdmin(caller, action)) {
            return Optional.of(true);
        }
        if (caller.isServiceAccount() || (!action.isRead() && caller.isViewer())) {
            return Optional.of(false);
        }
        return Optional.empty();
    }

    /**
     * {@link #commonRules} for lists: everything, empty when memberships decide, or 403 for a caller
     * who may read none of the kind (a service account listing teams, an llm_api key).
     */
    private static Optional<Visibility> commonVisibility(Caller caller, Action read, String listRoute) {
        Optional<Boolean> decided = commonRules(caller, read);
        if (decided.isPresent() && !decided.get()) {
            throw new PolicyDenial("Not allowed: " + listRoute);
        }
        return decided.map(all -> Visibility.EVERYTHING);
    }

    /** proxy_admin may do everything; proxy_admin_viewer may read everything. */
    private static boolean isPlatformAdmin(Caller caller, Action action) {
        if (caller.isServiceAccount()) {
            return false;
        }
        return caller.role() == UserRole.PROXY_ADMIN
                || (action.isRead() && caller.role() == UserRole.PROXY_ADMIN_VIEWER);
    }

    /** Key types come first: llm_api keys never manage anything; read_only keys only read. */
    private static boolean passesGates(Caller caller, Action action) {
        return switch (caller.keyType()) {
            case LLM_API -> false;
            case READ_ONLY -> action.isRead();
            case DEFAULT, MANAGEMENT -> true;
        };
    }

    private static PolicyDenial denied(Action action) {
        return new PolicyDenial("Not allowed: " + action.route());
    }
}
