package dev.keygate.policy;

/**
 * Everything the policy decides about. {@code route} is the route a team's
 * {@code team_member_permissions} would name to grant the action to plain members.
 */
public enum Action {
    KEY_GENERATE("/key/generate", false),
    KEY_READ("/key/info", true),
    KEY_DELETE("/key/delete", false),

    ORGANIZATION_CREATE("/organization/new", false),

    TEAM_CREATE("/team/new", false),
    TEAM_MEMBER_ADD("/team/member_add", false),

    USER_CREATE("/user/new", false);

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
