package dev.keygate.auth;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * The one query on the authentication path, run on a cache miss: a key (by its token, or by an old
 * token of a regenerated key), its user's role, its team and every membership of its user, in one
 * round trip. Every step is a primary-key or index lookup, whatever the number of keys or teams.
 */
public interface CallerDao {

    /** A presented key as stored; {@link KeyDirectory} turns it into a {@link KeyRecord}. */
    record KeyCallerRow(
            String token,
            String keyAlias,
            String keyType,
            String userId,
            String userRole,
            String teamId,
            String organizationId,
            List<String> models,
            Instant expires,
            BigDecimal maxBudget,
            BigDecimal spend,
            BigDecimal softBudget,
            Long tpmLimit,
            Long rpmLimit,
            Integer maxParallelRequests,
            String metadata,
            boolean blocked,
            boolean teamBlocked,
            List<String> teamModels,
            List<String> teamMemberPermissions,
            Instant graceEnds,
            List<String> organizationRoles,
            List<String> teamRoles) {}

    @SqlQuery("""
            WITH presented AS (
                SELECT token, CAST(NULL AS timestamptz) AS grace_ends FROM keys WHERE token = :token
                UNION ALL
                -- the old token of a regenerated key: its grace end is checked on every use
                SELECT key_token, expires_at FROM key_grace_tokens WHERE token = :token
                LIMIT 1)
            SELECT k.token, k.key_alias, k.key_type, k.user_id, u.user_role, k.team_id, k.organization_id,
                   k.models, k.expires, k.max_budget, k.spend, k.soft_budget, k.tpm_limit, k.rpm_limit,
                   k.max_parallel_requests, CAST(k.metadata AS text) AS metadata, k.blocked,
                   COALESCE(t.blocked, false) AS team_blocked, t.models AS team_models,
                   t.team_member_permissions, p.grace_ends,
                   ARRAY(SELECT m.organization_id || '=' || m.user_role
                           FROM organization_memberships m WHERE m.user_id = k.user_id) AS organization_roles,
                   ARRAY(SELECT tm.team_id || '=' || tm.role
                           FROM team_memberships tm WHERE tm.user_id = k.user_id) AS team_roles
              FROM presented p
              JOIN keys k ON k.token = p.token
              LEFT JOIN users u ON u.user_id = k.user_id
              LEFT JOIN teams t ON t.team_id = k.team_id
            """)
    @RegisterConstructorMapper(KeyCallerRow.class)
    Optional<KeyCallerRow> findByToken(@Bind("token") String token);
}
