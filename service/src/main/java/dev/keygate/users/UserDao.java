package dev.keygate.users;

import dev.keygate.keys.KeyDao;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.CreateSqlObject;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
public interface UserDao {

    @SqlQuery("""
            INSERT INTO users (user_id, user_email, user_alias, user_role, models, max_budget, budget_duration,
                               budget_reset_at, spend, metadata, created_by, updated_by)
            VALUES (:userId, :userEmail, :userAlias, :userRole, :models, :maxBudget, :budgetDuration, :budgetResetAt,
                    :spend, CAST(:metadata AS jsonb), :createdBy, :updatedBy)
            RETURNING *
            """)
    UserRow insert(@BindMethods UserRow user);

    @SqlQuery("SELECT * FROM users WHERE user_id = :id")
    Optional<UserRow> find(@Bind("id") String userId);

    @SqlQuery("SELECT * FROM users WHERE lower(user_email) = lower(:email)")
    Optional<UserRow> findByEmail(@Bind("email") String email);

    @SqlQuery("SELECT * FROM users WHERE user_id = :id FOR UPDATE")
    Optional<UserRow> findForUpdate(@Bind("id") String userId);

    @SqlQuery("SELECT EXISTS (SELECT 1 FROM users WHERE user_id = :id)")
    boolean exists(@Bind("id") String userId);

    @SqlQuery("SELECT organization_id FROM organization_memberships WHERE user_id = :id ORDER BY organization_id")
    List<String> organizationIds(@Bind("id") String userId);

    @SqlQuery("SELECT team_id FROM team_memberships WHERE user_id = :id ORDER BY team_id")
    List<String> teamIds(@Bind("id") String userId);

    @CreateSqlObject
    KeyDao keys();

    /**
     * Deletes users the caller has locked, with their keys and memberships. The keys go first, locked in
     * token order and deleted in one statement (LockOrder); the memberships by the foreign keys' cascade.
     */
    default void delete(Collection<String> userIds) {
        keys().delete(lockKeys(userIds));
        deleteRows(userIds);
    }

    @SqlQuery("SELECT token FROM keys WHERE user_id = ANY(:ids) ORDER BY token FOR UPDATE")
    List<String> lockKeys(@Bind("ids") Collection<String> userIds);

    @SqlUpdate("DELETE FROM users WHERE user_id = ANY(:ids)")
    void deleteRows(@Bind("ids") Collection<String> userIds);

    /** Users the caller may read (see Policy.userVisibility) that match the optional filters. */
    String MATCHES = """
             WHERE (:all OR user_id = :callerUserId
                    OR user_id IN (SELECT user_id FROM organization_memberships
                                    WHERE organization_id = ANY(:adminOrganizations))
                    OR user_id IN (SELECT user_id FROM team_memberships WHERE team_id = ANY(:adminTeams)))
               AND (CAST(:role AS text) IS NULL OR user_role = :role)
               AND (CAST(:email AS text) IS NULL OR lower(user_email) = lower(:email))
            """;

    @SqlQuery("SELECT * FROM users" + MATCHES + "ORDER BY created_at, user_id LIMIT :limit OFFSET :offset")
    List<UserRow> list(@BindMethods UserListQuery query, @Bind("limit") int limit, @Bind("offset") long offset);

    @SqlQuery("SELECT count(*) FROM users" + MATCHES)
    long count(@BindMethods UserListQuery query);
}
