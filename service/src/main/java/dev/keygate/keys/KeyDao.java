package dev.keygate.keys;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
public interface KeyDao {

    @SqlQuery("""
            INSERT INTO keys (token, key_name, key_alias, user_id, team_id, organization_id, models, max_budget,
                              budget_duration, budget_reset_at, soft_budget, spend, tpm_limit, rpm_limit,
                              max_parallel_requests, model_max_budget, model_rpm_limit, model_tpm_limit,
                              allowed_routes, key_type, blocked, expires, metadata, tags, permissions, aliases,
                              budget_id, created_by, updated_by)
            VALUES (:token, :keyName, :keyAlias, :userId, :teamId, :organizationId, :models, :maxBudget,
                    :budgetDuration, :budgetResetAt, :softBudget, :spend, :tpmLimit, :rpmLimit, :maxParallelRequests,
                    CAST(:modelMaxBudget AS jsonb), CAST(:modelRpmLimit AS jsonb), CAST(:modelTpmLimit AS jsonb),
                    :allowedRoutes, :keyType, :blocked, :expires, CAST(:metadata AS jsonb), :tags,
                    CAST(:permissions AS jsonb), CAST(:aliases AS jsonb), :budgetId, :createdBy, :updatedBy)
            RETURNING *
            """)
    KeyRow insert(@BindMethods KeyRow key);

    @SqlQuery("SELECT * FROM keys WHERE token = :token")
    Optional<KeyRow> find(@Bind("token") String token);

    /** Locks the row: the caller is about to decide on it and change it (after its parents: LockOrder). */
    @SqlQuery("SELECT * FROM keys WHERE token = :token FOR UPDATE")
    Optional<KeyRow> findForUpdate(@Bind("token") String token);

    @SqlQuery("SELECT * FROM keys WHERE key_alias = :alias")
    Optional<KeyRow> findByAlias(@Bind("alias") String alias);

    @SqlQuery("SELECT EXISTS (SELECT 1 FROM keys WHERE key_alias = :alias)")
    boolean aliasExists(@Bind("alias") String alias);

    @SqlQuery("SELECT EXISTS (SELECT 1 FROM keys WHERE token = :token)")
    boolean tokenExists(@Bind("token") String token);

    @SqlUpdate("DELETE FROM keys WHERE token = ANY(:tokens)")
    int delete(@Bind("tokens") Collection<String> tokens);

    /**
     * Keeps the keys about to be deleted in deleted_keys (/key/list?status=deleted), with who deleted
     * them; in the deleting transaction, before the delete. A token deleted before (a custom key
     * re-created with the same secret) keeps only its latest deletion.
     */
    default void archive(Collection<String> tokens, String deletedBy) {
        forgetDeleted(tokens);
        copyToDeleted(tokens, deletedBy);
    }

    @SqlUpdate("DELETE FROM deleted_keys WHERE token = ANY(:tokens)")
    void forgetDeleted(@Bind("tokens") Collection<String> tokens);

    /** The columns named one by one: a column added to keys later is not kept until V6's table has it too. */
    @SqlUpdate("""
            INSERT INTO deleted_keys (token, key_name, key_alias, user_id, team_id, organization_id, models, max_budget, budget_duration,
                   budget_reset_at, soft_budget, spend, tpm_limit, rpm_limit, max_parallel_requests, model_max_budget,
                   model_rpm_limit, model_tpm_limit, allowed_routes, key_type, blocked, expires, metadata, tags,
                   permissions, aliases, budget_id, created_by, updated_by, created_at, updated_at, deleted_by)
            SELECT token, key_name, key_alias, user_id, team_id, organization_id, models, max_budget, budget_duration,
                   budget_reset_at, soft_budget, spend, tpm_limit, rpm_limit, max_parallel_requests, model_max_budget,
                   model_rpm_limit, model_tpm_limit, allowed_routes, key_type, blocked, expires, metadata, tags,
                   permissions, aliases, budget_id, created_by, updated_by, created_at, updated_at, :deletedBy
              FROM keys WHERE token = ANY(:tokens)
            """)
    void copyToDeleted(@Bind("tokens") Collection<String> tokens, @Bind("deletedBy") String deletedBy);

    /** A new token for the key (regenerate); grace tokens follow by ON UPDATE CASCADE. */
    @SqlQuery("""
            UPDATE keys SET token = :newToken, key_name = :keyName, updated_by = :updatedBy, updated_at = now()
             WHERE token = :token RETURNING *
            """)
    KeyRow replaceToken(@Bind("token") String token, @Bind("newToken") String newToken,
                        @Bind("keyName") String keyName, @Bind("updatedBy") String updatedBy);

    @SqlUpdate("""
            INSERT INTO key_grace_tokens (token, key_token, expires_at)
            VALUES (:oldToken, :keyToken, :expiresAt)
            """)
    void addGraceToken(@Bind("oldToken") String oldToken, @Bind("keyToken") String keyToken,
                       @Bind("expiresAt") java.time.Instant expiresAt);

    /**
     * Grace tokens past their end authenticate nobody; regenerate sweeps them so the table stays small.
     * It skips rows another transaction holds (a key being regenerated or deleted): they go next time,
     * and the sweep never waits outside the lock order (LockOrder).
     */
    @SqlUpdate("""
            DELETE FROM key_grace_tokens
             WHERE token IN (SELECT token FROM key_grace_tokens WHERE expires_at <= :now FOR UPDATE SKIP LOCKED)
            """)
    void deleteExpiredGraceTokens(@Bind("now") java.time.Instant now);
}
