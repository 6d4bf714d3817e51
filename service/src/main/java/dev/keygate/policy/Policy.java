package dev.keygate.policy;

import dev.keygate.auth.Caller;
import dev.keygate.auth.UserRole;
import dev.keygate.web.ApiException;

/**
 * The authorization policy: the only place that decides who may do what (docs/authz.md is its
 * table). Each decision has a boolean form ({@code may…}) and a throwing form ({@code check…}, 403).
 * Resources call it after loading the target (404 first) and before validating or acting.
 */
public final class Policy {

    // ---- keys -------------------------------------------------------------------------------

    public void checkKey(Caller caller, Action action, KeyTarget key) {
        if (!mayKey(caller, action, key)) {
            throw denied(action);
        }
    }

    public boolean mayKey(Caller caller, Action action, KeyTarget key) {
        if (!keyTypeAllows(caller, action)) {
            return false;
        }
        if (isPlatformAdmin(caller, action)) {
            return true;
        }
        // Any key may read itself; that is how a service account or an app checks its own budget.
        if (action.isRead() && key.token() != null && key.token().equals(caller.keyToken())) {
            return true;
        }
        if (caller.isServiceAccount() || (!action.isRead() && isViewer(caller))) {
            return false;
        }
        if (caller.isOrgAdminOf(key.organizationId()) || caller.isTeamAdminOf(key.teamId())) {
            return true;
        }
        boolean ownKey = caller.userId() != null && caller.userId().equals(key.userId());
        return ownKey && key.teamId() == null;
    }

    // ---- organizations, teams, users ---------------------------------------------------------

    public void checkOrganization(Caller caller, Action action) {
        if (!keyTypeAllows(caller, action) || !isPlatformAdmin(caller, action)) {
            throw denied(action);
        }
    }

    public void checkTeam(Caller caller, Action action, TeamTarget team) {
        if (!mayTeam(caller, action, team)) {
            throw denied(action);
        }
    }

    public boolean mayTeam(Caller caller, Action action, TeamTarget team) {
        if (!keyTypeAllows(caller, action)) {
            return false;
        }
        if (isPlatformAdmin(caller, action)) {
            return true;
        }
        if (caller.isServiceAccount() || (!action.isRead() && isViewer(caller))) {
            return false;
        }
        if (caller.isOrgAdminOf(team.organizationId())) {
            return true;
        }
        return action == Action.TEAM_MEMBER_ADD && caller.isTeamAdminOf(team.teamId());
    }

    public void checkUser(Caller caller, Action action) {
        if (!keyTypeAllows(caller, action) || !isPlatformAdmin(caller, action)) {
            throw denied(action);
        }
    }

    // ---- shared rules ------------------------------------------------------------------------

    /** proxy_admin may do everything; proxy_admin_viewer may read everything. */
    private static boolean isPlatformAdmin(Caller caller, Action action) {
        if (caller.isServiceAccount()) {
            return false;
        }
        return caller.role() == UserRole.PROXY_ADMIN
                || (action.isRead() && caller.role() == UserRole.PROXY_ADMIN_VIEWER);
    }

    private static boolean isViewer(Caller caller) {
        return caller.role() == UserRole.PROXY_ADMIN_VIEWER || caller.role() == UserRole.INTERNAL_USER_VIEWER;
    }

    /** llm_api keys never manage anything; read_only keys only read. */
    private static boolean keyTypeAllows(Caller caller, Action action) {
        return switch (caller.keyType()) {
            case LLM_API -> false;
            case READ_ONLY -> action.isRead();
            case DEFAULT, MANAGEMENT -> true;
        };
    }

    private static ApiException denied(Action action) {
        return ApiException.forbidden("Not allowed: " + action.route());
    }
}
