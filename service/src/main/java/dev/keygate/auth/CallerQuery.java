package dev.keygate.auth;

import dev.keygate.auth.cache.SpendLedger;
import dev.keygate.db.JsonColumns;
import dev.keygate.db.TextArrays;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.postgresql.PGStatement;

/**
 * The one query on the authentication path, run on cache misses: keys (by their tokens, or by old
 * tokens of regenerated keys), their users' roles, their teams and every membership of their users,
 * in one round trip for every token that {@link LookupCoalescer} gathered. Every step is a
 * primary-key or index lookup, whatever the number of keys or teams.
 *
 * <p>Plain JDBC on purpose: this runs for every key seen for the first time, and Jdbi's per-call
 * statement rendering and reflective row mapping cost more CPU than the query itself (measured
 * under load with JFR).
 *
 * <p>Prepared on the server, unlike every other statement (see {@code DatabaseSetup}): its plan is
 * the same for every token (primary-key lookups), so Postgres settles on one plan per connection
 * and stops planning it, which is most of the query's cost. That needs a statement whose estimates
 * do not depend on its parameters: an array parameter ({@code = ANY(?)}) is estimated at ten
 * elements when generic, so Postgres kept planning every call (half a millisecond per batch).
 * Hence one statement per batch size, a power of two, with one placeholder per token; a smaller
 * batch repeats its last token (the index scan reads a repeated value once).
 */
public final class CallerQuery {

    /** The most tokens one query looks up: a power of two. */
    static final int MAX_TOKENS = 64;

    /** {@code %1$s}: one placeholder per token. */
    private static final String SQL = """
            WITH presented AS (
                SELECT token AS presented, token, CAST(NULL AS timestamptz) AS grace_ends
                  FROM keys WHERE token IN (%1$s)
                UNION ALL
                -- old tokens of regenerated keys: the grace end is checked on every use
                SELECT token, key_token, expires_at FROM key_grace_tokens WHERE token IN (%1$s))
            SELECT p.presented, k.token, k.key_alias, k.key_type, k.user_id, u.user_role, k.team_id,
                   k.organization_id, k.models, k.expires, COALESCE(k.max_budget, kb.max_budget) AS max_budget,
                   k.spend, COALESCE(k.soft_budget, kb.soft_budget) AS soft_budget,
                   COALESCE(k.tpm_limit, kb.tpm_limit) AS tpm_limit, COALESCE(k.rpm_limit, kb.rpm_limit) AS rpm_limit,
                   COALESCE(k.max_parallel_requests, kb.max_parallel_requests) AS max_parallel_requests,
                   CAST(k.metadata AS text) AS metadata, k.blocked,
                   COALESCE(t.blocked, false) AS team_blocked, t.models AS team_models,
                   t.team_member_permissions, p.grace_ends, k.allowed_routes, CAST(k.aliases AS text) AS aliases,
                   -- a tier's per-model budgets replace none of the key's own: only when it has none
                   CAST(CASE WHEN k.model_max_budget IS NULL OR k.model_max_budget = '{}'::jsonb
                             THEN kb.model_max_budget ELSE k.model_max_budget END AS text) AS model_max_budget,
                   CAST(k.model_rpm_limit AS text) AS model_rpm_limit,
                   CAST(k.model_tpm_limit AS text) AS model_tpm_limit, u.max_budget AS user_max_budget,
                   u.spend AS user_spend, t.max_budget AS team_max_budget, t.spend AS team_spend,
                   t.tpm_limit AS team_tpm_limit, t.rpm_limit AS team_rpm_limit,
                   tm.max_budget_in_team, tm.spend AS member_spend,
                   COALESCE(o.max_budget, ob.max_budget) AS organization_max_budget,
                   o.spend AS organization_spend, COALESCE(o.tpm_limit, ob.tpm_limit) AS organization_tpm_limit,
                   COALESCE(o.rpm_limit, ob.rpm_limit) AS organization_rpm_limit,
                   k.budget_id, o.budget_id AS organization_budget_id,
                   ARRAY(SELECT m.organization_id || '=' || m.user_role
                           FROM organization_memberships m WHERE m.user_id = k.user_id) AS organization_roles,
                   ARRAY(SELECT tm.team_id || '=' || tm.role
                           FROM team_memberships tm WHERE tm.user_id = k.user_id) AS team_roles
              FROM presented p
              JOIN keys k ON k.token = p.token
              LEFT JOIN users u ON u.user_id = k.user_id
              LEFT JOIN teams t ON t.team_id = k.team_id
              LEFT JOIN team_memberships tm ON tm.team_id = k.team_id AND tm.user_id = k.user_id
              LEFT JOIN organizations o ON o.organization_id = k.organization_id
              -- budget tiers: their limits apply where the key's (the organization's) own are null
              LEFT JOIN budgets kb ON kb.budget_id = k.budget_id
              LEFT JOIN budgets ob ON ob.budget_id = o.budget_id
            """;

    /** The statement for up to 2^i tokens, at index i. */
    private static final List<String> BY_SIZE = IntStream.rangeClosed(0, Integer.numberOfTrailingZeros(MAX_TOKENS))
            .mapToObj(i -> String.format(SQL, String.join(", ", Collections.nCopies(1 << i, "?"))))
            .toList();

    private final DataSource dataSource;
    private final JsonColumns json;

    public CallerQuery(DataSource dataSource, JsonColumns json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    /**
     * The keys the presented tokens name, by presented token, each a {@link KeyRecord} with its
     * {@link Caller} built; a token that names no key is absent. Fails (and its requests with 503)
     * when the database cannot answer: never an empty answer then.
     */
    public Map<String, KeyRecord> findAll(List<String> tokens) {
        if (tokens.isEmpty() || tokens.size() > MAX_TOKENS) {
            throw new IllegalArgumentException("Between 1 and " + MAX_TOKENS + " tokens, not " + tokens.size());
        }
        int size = Integer.highestOneBit(tokens.size() * 2 - 1); // the next power of two
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement =
                        connection.prepareStatement(BY_SIZE.get(Integer.numberOfTrailingZeros(size)))) {
            statement.unwrap(PGStatement.class).setPrepareThreshold(1);
            for (int i = 0; i < size; i++) {
                String token = tokens.get(Math.min(i, tokens.size() - 1));
                statement.setString(i + 1, token);
                statement.setString(size + i + 1, token);
            }
            Map<String, KeyRecord> found = new HashMap<>();
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    // A token that is both a key and an old token of another key (a SHA-256
                    // collision) names the key itself.
                    found.merge(row.getString("presented"), map(row),
                            (first, second) -> first.graceEnds() == null ? first : second);
                }
            }
            return found;
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
        Caller caller = new Caller(Credential.VIRTUAL_KEY, token, userId, role == null ? UserRole.INTERNAL_USER : role, teamId,
                organizationId, keyType, pairs(row.getArray("organization_roles"), OrgRole::fromWire),
                pairs(row.getArray("team_roles"), TeamRole::fromWire), null);
        List<String> teamPermissions = TextArrays.toList(row.getArray("team_member_permissions"));
        return new KeyRecord(token, row.getString("key_alias"), keyType, userId, role, teamId, organizationId,
                TextArrays.toList(row.getArray("models")), instant(row, "expires"), row.getBigDecimal("max_budget"),
                row.getBigDecimal("soft_budget"), row.getObject("tpm_limit", Long.class),
                row.getObject("rpm_limit", Long.class), row.getObject("max_parallel_requests", Integer.class),
                json.read(row.getString("metadata")), row.getBoolean("blocked"), row.getBoolean("team_blocked"),
                TextArrays.toList(row.getArray("team_models")), teamPermissions == null ? List.of() : teamPermissions,
                instant(row, "grace_ends"), limits(row, token, userId, teamId, organizationId), caller);
    }

    private KeyLimits limits(ResultSet row, String token, String userId, String teamId, String organizationId)
            throws SQLException {
        Map<String, BigDecimal> spends = new HashMap<>();
        spends.put(SpendLedger.key(token), row.getBigDecimal("spend"));
        if (userId != null) {
            spends.put(SpendLedger.user(userId), row.getBigDecimal("user_spend"));
        }
        if (teamId != null) {
            spends.put(SpendLedger.team(teamId), row.getBigDecimal("team_spend"));
            if (userId != null) {
                spends.put(SpendLedger.member(teamId, userId), row.getBigDecimal("member_spend"));
            }
        }
        if (organizationId != null) {
            spends.put(SpendLedger.organization(organizationId), row.getBigDecimal("organization_spend"));
        }
        spends.values().removeIf(Objects::isNull); // rows that do not exist: no subject
        return new KeyLimits(TextArrays.toList(row.getArray("allowed_routes")), object(row, "aliases"),
                object(row, "model_max_budget"), object(row, "model_rpm_limit"), object(row, "model_tpm_limit"),
                row.getBigDecimal("user_max_budget"), row.getBigDecimal("team_max_budget"),
                row.getObject("team_tpm_limit", Long.class), row.getObject("team_rpm_limit", Long.class),
                row.getBigDecimal("max_budget_in_team"), row.getBigDecimal("organization_max_budget"),
                row.getObject("organization_tpm_limit", Long.class), row.getObject("organization_rpm_limit", Long.class),
                Map.copyOf(spends), budgetIds(row.getString("budget_id"), row.getString("organization_budget_id")));
    }

    private static Set<String> budgetIds(String keyTier, String organizationTier) {
        Set<String> ids = new HashSet<>(2);
        if (keyTier != null) {
            ids.add(keyTier);
        }
        if (organizationTier != null) {
            ids.add(organizationTier);
        }
        return Set.copyOf(ids);
    }

    /** A JSON object column; most are empty, which needs no parsing. */
    private Map<String, Object> object(ResultSet row, String column) throws SQLException {
        String text = row.getString(column);
        return text == null || text.equals("{}") ? Map.of() : json.read(text);
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
