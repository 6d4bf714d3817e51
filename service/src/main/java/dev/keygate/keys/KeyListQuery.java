package dev.keygate.keys;

import dev.keygate.policy.Visibility;
import java.util.List;

/**
 * GET /key/list as SQL parameters: the caller's {@link Visibility} (decided by the policy) and the
 * optional filters (null when absent).
 */
public record KeyListQuery(
        boolean all,
        String ownKeyToken,
        String callerUserId,
        List<String> adminOrganizations,
        List<String> adminTeams,
        List<String> memberTeams,
        String readRoute,
        boolean onlyOwn,
        String userId,
        String teamId,
        String organizationId,
        String keyAlias,
        String keyHash) {

    /**
     * Visibility, as {@code Policy.mayKey(KEY_READ)} decides it row by row: everything; the key used;
     * keys of administered organizations and teams; the caller's own personal keys, and their own
     * keys in teams whose member permissions include the read route.
     */
    static final String MATCHES = """
             WHERE (:all
                    OR k.token = :ownKeyToken
                    OR k.organization_id = ANY(:adminOrganizations)
                    OR k.team_id = ANY(:adminTeams)
                    OR (k.user_id = :callerUserId
                        AND (k.team_id IS NULL
                             OR (k.team_id = ANY(:memberTeams) AND :readRoute = ANY(t.team_member_permissions)))))
               AND (NOT :onlyOwn OR k.user_id = :callerUserId OR k.token = :ownKeyToken)
               AND (CAST(:userId AS text) IS NULL OR k.user_id = :userId)
               AND (CAST(:teamId AS text) IS NULL OR k.team_id = :teamId)
               AND (CAST(:organizationId AS text) IS NULL OR k.organization_id = :organizationId)
               AND (CAST(:keyAlias AS text) IS NULL OR k.key_alias = :keyAlias)
               AND (CAST(:keyHash AS text) IS NULL OR k.token = :keyHash)
            """;
}
