package dev.keygate.auth;

import dev.keygate.db.JsonColumns;
import dev.keygate.db.TextArrays;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import javax.sql.DataSource;
import org.postgresql.PGStatement;

/**
 * The one query on the authentication path, run on a cache miss: a key (by its token, or by an old
 * token of a regenerated key), its user's role, its team and every membership of its user, in one
 * round trip. Every step is a primary-key or index lookup, whatever the number of keys or teams.
 *
 * <p>Plain JDBC on purpose: this runs for every key seen for the first time, and Jdbi's per-call
 * statement rendering and reflective row mapping cost more CPU than the query itself (measured
 * under load with JFR).
 *
 * <p>Prepared on the server, unlike every other statement (see {@code DatabaseSetup}): its plan is
 * the same for every token (primary-key lookups), so Postgres settles on one plan per connection
 * and stops planning it, which is most of the query's cost.
 */
public final class CallerQuery {

    private static final String SQL = """
            WITH presented AS (
                SELECT token, CAST(NULL AS timestamptz) AS grace_ends FROM keys WHERE token = ?
                UNION ALL
                -- the old token of a regenerated key: its grace end is checked on every use
                SELECT key_token, expires_at FROM key_grace_tokens WHERE token = ?
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
            """;

    private final DataSource dataSource;
    private final JsonColumns json;

    public CallerQuery(DataSource dataSource, JsonColumns json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    /**
     * The key a presented token names, as a {@link KeyRecord} with its {@link Caller} built. Fails
     * (and the request with 503) when the database cannot answer: never an empty answer then.
     */
    Optional<KeyRecord> find(String token) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(SQL)) {
            statement.unwrap(PGStatement.class).setPrepareThreshold(1);
            statement.setString(1, token);
            statement.setString(2, token);
            try (ResultSet row = statement.executeQuery()) {
                return row.next() ? Optional.of(map(row)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("The key lookup failed", e);
        }
    }

    private KeyRecord map(ResultSet row) throws SQLException {
        String token = row.getString("token");
        String userId = row.getString("user_id");
        String storedRole = row.getString("user_role");
        UserRole role = storedRole == null ? null : UserRole.fromWire(storedRole);
        String teamId = row.getString("team_id");
        String organizationId = row.getString("organization_id");
        KeyType keyType = KeyType.fromWire(row.getString("key_type"));
        Caller caller = new Caller(token, userId, role == null ? UserRole.INTERNAL_USER : role, teamId,
                organizationId, keyType, pairs(row.getArray("organization_roles"), OrgRole::fromWire),
                pairs(row.getArray("team_roles"), TeamRole::fromWire), null);
        List<String> teamPermissions = TextArrays.toList(row.getArray("team_member_permissions"));
        return new KeyRecord(token, row.getString("key_alias"), keyType, userId, role, teamId, organizationId,
                TextArrays.toList(row.getArray("models")), instant(row, "expires"), row.getBigDecimal("max_budget"),
                row.getBigDecimal("spend"), row.getBigDecimal("soft_budget"), row.getObject("tpm_limit", Long.class),
                row.getObject("rpm_limit", Long.class), row.getObject("max_parallel_requests", Integer.class),
                json.read(row.getString("metadata")), row.getBoolean("blocked"), row.getBoolean("team_blocked"),
                TextArrays.toList(row.getArray("team_models")), teamPermissions == null ? List.of() : teamPermissions,
                instant(row, "grace_ends"), caller);
    }

    /** Decodes the "id=role" pairs the query builds. Ids may contain '=', roles never do. */
    private static <R> Map<String, R> pairs(Array encoded, Function<String, R> role) throws SQLException {
        Map<String, R> result = new HashMap<>();
        for (String pair : TextArrays.toList(encoded)) {
            int split = pair.lastIndexOf('=');
            result.put(pair.substring(0, split), role.apply(pair.substring(split + 1)));
        }
        return result;
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
