package dev.keygate.auth;

import java.security.Principal;
import java.util.Map;

/**
 * Who is calling, as established by authentication: how (the master key, a virtual key or an
 * identity provider's token), the key used, its user (absent for the master key, service-account keys
 * and tokens that name only a team), the user's platform role and memberships.
 *
 * @param keyToken the SHA-256 id of the key used; {@code null} for the master key and for a token
 * @param keyTeamId the key's team, or the team a token acts for
 * @param changedBy the {@code litellm-changed-by} header: on whose behalf the caller says it acts
 *     (recorded in the audit trail, never used to decide anything)
 * @param scope what a sign-in token's scopes restrict it to; null: not restricted (keys, and tokens
 *     without {@code enforce_scope_based_access})
 */
public record Caller(
        Credential credential,
        String keyToken,
        String userId,
        UserRole role,
        String keyTeamId,
        String keyOrganizationId,
        KeyType keyType,
        Map<String, OrgRole> organizationRoles,
        Map<String, TeamRole> teamRoles,
        String changedBy,
        TokenScope scope) implements Principal {

    /** The id written to created_by / updated_by and audit rows: never a secret. */
    public static final String MASTER_KEY_ACTOR = "master_key";

    public Caller {
        organizationRoles = Map.copyOf(organizationRoles);
        teamRoles = Map.copyOf(teamRoles);
    }

    /** A caller no token scope restricts. */
    public Caller(Credential credential, String keyToken, String userId, UserRole role, String keyTeamId,
                  String keyOrganizationId, KeyType keyType, Map<String, OrgRole> organizationRoles,
                  Map<String, TeamRole> teamRoles, String changedBy) {
        this(credential, keyToken, userId, role, keyTeamId, keyOrganizationId, keyType, organizationRoles, teamRoles,
                changedBy, null);
    }

    private static final Caller MASTER_KEY =
            new Caller(Credential.MASTER_KEY, null, null, UserRole.PROXY_ADMIN, null, null, KeyType.DEFAULT, Map.of(), Map.of(), null);

    public static Caller masterKey() {
        return MASTER_KEY;
    }

    /** This caller acting on behalf of {@code onBehalfOf}; the same instance when nobody is named. */
    public Caller withChangedBy(String onBehalfOf) {
        if (onBehalfOf == null && changedBy == null) {
            return this;
        }
        return new Caller(credential, keyToken, userId, role, keyTeamId, keyOrganizationId, keyType, organizationRoles, teamRoles,
                onBehalfOf, scope);
    }

    public boolean isProxyAdmin() {
        return role == UserRole.PROXY_ADMIN && !isServiceAccount();
    }

    /** proxy_admin_viewer or internal_user_viewer: may read, never write. */
    public boolean isViewer() {
        return role == UserRole.PROXY_ADMIN_VIEWER || role == UserRole.INTERNAL_USER_VIEWER;
    }

    public boolean isOrgMemberOf(String organizationId) {
        return organizationId != null && organizationRoles.containsKey(organizationId);
    }

    /** The organizations this caller administers. */
    public java.util.Set<String> adminOrganizations() {
        return keysWith(organizationRoles, OrgRole.ORG_ADMIN);
    }

    /** The teams this caller administers. */
    public java.util.Set<String> adminTeams() {
        return keysWith(teamRoles, TeamRole.ADMIN);
    }

    private static <R> java.util.Set<String> keysWith(Map<String, R> roles, R role) {
        return roles.entrySet().stream()
                .filter(entry -> entry.getValue() == role)
                .map(Map.Entry::getKey)
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    /** Whether a change to this user, team or organization can change what authentication made of this caller. */
    public boolean mentionsUser(String id) {
        return id.equals(userId);
    }

    public boolean mentionsTeam(String id) {
        return id.equals(keyTeamId) || teamRoles.containsKey(id);
    }

    public boolean mentionsOrganization(String id) {
        return id.equals(keyOrganizationId) || organizationRoles.containsKey(id);
    }

    public boolean isMasterKey() {
        return credential == Credential.MASTER_KEY;
    }

    /** A key with no user, or a token naming only a team: a team's service account. */
    public boolean isServiceAccount() {
        return credential != Credential.MASTER_KEY && userId == null;
    }

    public boolean isOrgAdminOf(String organizationId) {
        return organizationId != null && organizationRoles.get(organizationId) == OrgRole.ORG_ADMIN;
    }

    public boolean isTeamAdminOf(String teamId) {
        return teamId != null && teamRoles.get(teamId) == TeamRole.ADMIN;
    }

    public boolean isTeamMemberOf(String teamId) {
        return teamId != null && teamRoles.containsKey(teamId);
    }

    /** For created_by / updated_by: the user, else the key's id, else the master key or token marker. */
    public String actorId() {
        if (userId != null) {
            return userId;
        }
        return switch (credential) {
            case MASTER_KEY -> MASTER_KEY_ACTOR;
            case VIRTUAL_KEY -> keyToken;
            case JWT -> "jwt:team:" + keyTeamId;
        };
    }

    @Override
    public String getName() {
        return actorId();
    }
}
