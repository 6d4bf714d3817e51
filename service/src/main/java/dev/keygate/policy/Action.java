package dev.keygate.policy;

/**
 * Everything the policy decides about. For key actions, {@code route} is what a team's
 * {@code team_member_permissions} names to grant the action to plain members on their own keys.
 */
public enum Action {
    KEY_GENERATE("/key/generate", false),
    KEY_READ("/key/info", true),
    /** LiteLLM's check of the calling key itself: a read of that key. */
    KEY_HEALTH("/key/health", true),
    KEY_UPDATE("/key/update", false),
    KEY_REGENERATE("/key/regenerate", false),
    KEY_DELETE("/key/delete", false),
    KEY_BLOCK("/key/block", false),
    KEY_UNBLOCK("/key/unblock", false),
    /** Lowering a key's spend: an admin's (LiteLLM: proxy or team admin), never the owner's own budget relief. */
    KEY_RESET_SPEND("/key/{key}/reset_spend", false),

    ORGANIZATION_CREATE("/organization/new", false),
    ORGANIZATION_READ("/organization/info", true),
    ORGANIZATION_UPDATE("/organization/update", false),
    ORGANIZATION_DELETE("/organization/delete", false),
    ORGANIZATION_MEMBERS("/organization/member_*", false),

    TEAM_CREATE("/team/new", false),
    TEAM_READ("/team/info", true),
    /** Renaming and metadata: what a team admin may change about their own team. */
    TEAM_UPDATE("/team/update", false),
    /** Budget, limits and models: set from above, by an org admin or a proxy admin. */
    TEAM_UPDATE_LIMITS("/team/update", false),
    TEAM_DELETE("/team/delete", false),
    TEAM_BLOCK("/team/block", false),
    TEAM_MEMBERS("/team/member_*", false),
    TEAM_PERMISSIONS_UPDATE("/team/permissions_update", false),
    /** The teams a user may join: LiteLLM's available_teams setting, which Keygate does not have. */
    TEAM_AVAILABLE_READ("/team/available", true),

    USER_CREATE("/user/new", false),
    USER_READ("/user/info", true),
    /** Alias, email, metadata. */
    USER_UPDATE("/user/update", false),
    /** Role, budget and models: proxy admins only. */
    USER_UPDATE_PRIVILEGES("/user/update", false),
    USER_DELETE("/user/delete", false),
    /** The roles a UI may assign: Keygate's fixed list, no one's data. */
    USER_ROLES_READ("/user/available_roles", true),

    AUDIT_READ("/audit", true),

    JWT_KEY_MAPPING_READ("/jwt/key/mapping/info", true),
    JWT_KEY_MAPPING_MANAGE("/jwt/key/mapping/*", false),

    /** Budget tiers are global: read by platform admins and org admins (who give them to their keys). */
    BUDGET_READ("/budget/info", true),
    BUDGET_MANAGE("/budget/*", false),

    /** A gateway reporting what an LLM call cost. */
    SPEND_RECORD("/spend/record", false);

    private final String route;
    private final boolean read;

    Action(String route, boolean read) {
        this.route = route;
        this.read = read;
    }

    public String route() {
        return route;
    }

    public boolean isRead() {
        return read;
    }
}
