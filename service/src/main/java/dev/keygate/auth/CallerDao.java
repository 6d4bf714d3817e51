package dev.keygate.auth;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * The one query on the authentication path: a key (by its token, or by an old token still in its
 * grace period), its user's role and every membership, in one round trip.
 */
public interface CallerDao {

    /** What authentication needs to know about a presented key. */
    record KeyCallerRow(
            String token,
            String userId,
            String userRole,
            String teamId,
            String organizationId,
            String keyType,
            boolean blocked,
            boolean teamBlocked,
            Instant expires,
            List<String> organizationRoles,
            List<String> teamRoles) {}

    @SqlQuery("""
            SELECT k.token, k.user_id, u.user_role, k.team_id, k.organization_id, k.key_type, k.blocked,
                   COALESCE(t.blocked, false) AS team_blocked, k.expires,
                   ARRAY(SELECT m.organization_id || '=' || m.user_role
                           FROM organization_memberships m WHERE m.user_id = k.user_id) AS organization_roles,
                   ARRAY(SELECT tm.team_id || '=' || tm.role
                           FROM team_memberships tm WHERE tm.user_id = k.user_id) AS team_roles
              FROM keys k
              LEFT JOIN users u ON u.user_id = k.user_id
              LEFT JOIN teams t ON t.team_id = k.team_id
             WHERE k.token = :token
                -- the old token of a regenerated key, during its grace period
                OR k.token = (SELECT g.key_token FROM key_grace_tokens g
                               WHERE g.token = :token AND g.expires_at > :now)
             LIMIT 1
            """)
    @RegisterConstructorMapper(KeyCallerRow.class)
    Optional<KeyCallerRow> findByToken(@Bind("token") String token, @Bind("now") Instant now);
}
