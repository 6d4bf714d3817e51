package dev.keygate.orgs;

import dev.keygate.keys.KeyDao;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.CreateSqlObject;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
public interface OrganizationDao {

    /** A membership as stored, with its user's email. */
    record MemberRow(String userId, String organizationId, String userRole, String userEmail, Instant createdAt,
                     Instant updatedAt) {}

    @SqlQuery("""
            INSERT INTO organizations (organization_id, organization_alias, models, max_budget, budget_duration,
                                       budget_reset_at, tpm_limit, rpm_limit, spend, metadata, budget_id, created_by,
                                       updated_by)
            VALUES (:organizationId, :organizationAlias, :models, :maxBudget, :budgetDuration, :budgetResetAt,
                    :tpmLimit, :rpmLimit, :spend, CAST(:metadata AS jsonb), :budgetId, :createdBy, :updatedBy)
            RETURNING *
            """)
    OrganizationRow insert(@BindMethods OrganizationRow organization);

    @SqlQuery("SELECT * FROM organizations WHERE organization_id = :id")
    Optional<OrganizationRow> find(@Bind("id") String organizationId);

    @SqlQuery("SELECT * FROM organizations WHERE organization_id = :id FOR UPDATE")
    Optional<OrganizationRow> findForUpdate(@Bind("id") String organizationId);

    @SqlQuery("SELECT EXISTS (SELECT 1 FROM organizations WHERE organization_id = :id)")
    boolean exists(@Bind("id") String organizationId);

    @CreateSqlObject
    KeyDao keys();

    /**
     * Deletes organizations the caller has locked, with their teams, keys and memberships, top-down
     * (LockOrder): their teams locked in id order, then their keys (their own and their teams') locked
     * in token order and deleted in one statement; teams and memberships go by the foreign keys' cascade.
     */
    default void delete(Collection<String> organizationIds) {
        lockTeams(organizationIds);
        keys().delete(lockKeys(organizationIds));
        deleteRows(organizationIds);
    }

    @SqlQuery("SELECT team_id FROM teams WHERE organization_id = ANY(:ids) ORDER BY team_id FOR UPDATE")
    List<String> lockTeams(@Bind("ids") Collection<String> organizationIds);

    @SqlQuery("""
            SELECT token FROM keys
             WHERE organization_id = ANY(:ids)
                OR team_id IN (SELECT team_id FROM teams WHERE organization_id = ANY(:ids))
             ORDER BY token FOR UPDATE
            """)
    List<String> lockKeys(@Bind("ids") Collection<String> organizationIds);

    @SqlUpdate("DELETE FROM organizations WHERE organization_id = ANY(:ids)")
    void deleteRows(@Bind("ids") Collection<String> organizationIds);

    @SqlQuery("""
            SELECT * FROM organizations
             WHERE :all OR organization_id = ANY(:memberOf)
             ORDER BY created_at, organization_id
            """)
    List<OrganizationRow> list(@Bind("all") boolean all, @Bind("memberOf") Collection<String> memberOf);

    @SqlQuery("""
            SELECT m.user_id, m.organization_id, m.user_role, u.user_email, m.created_at, m.updated_at
              FROM organization_memberships m JOIN users u ON u.user_id = m.user_id
             WHERE m.organization_id = :id ORDER BY m.created_at, m.user_id
            """)
    List<MemberRow> members(@Bind("id") String organizationId);

    @SqlQuery("SELECT user_role FROM organization_memberships WHERE organization_id = :id AND user_id = :userId")
    Optional<String> memberRole(@Bind("id") String organizationId, @Bind("userId") String userId);

    @SqlUpdate("""
            INSERT INTO organization_memberships (organization_id, user_id, user_role)
            VALUES (:organizationId, :userId, :role)
            ON CONFLICT (organization_id, user_id) DO NOTHING
            """)
    void addMember(@Bind("organizationId") String organizationId, @Bind("userId") String userId,
                   @Bind("role") String role);

    @SqlUpdate("""
            UPDATE organization_memberships SET user_role = :role, updated_at = now()
             WHERE organization_id = :organizationId AND user_id = :userId
            """)
    void updateMember(@Bind("organizationId") String organizationId, @Bind("userId") String userId,
                      @Bind("role") String role);

    /**
     * Removes the user from the organization, from its teams, and their keys that belong to it: a
     * former member keeps no access through this organization. Runs in the caller's transaction, which
     * holds the organization and the user; the keys go first, locked in token order (LockOrder).
     */
    default void removeMember(String organizationId, String userId) {
        keys().delete(lockMemberKeys(organizationId, userId));
        deleteTeamMemberships(organizationId, userId);
        deleteMembership(organizationId, userId);
    }

    @SqlQuery("""
            SELECT token FROM keys WHERE user_id = :userId AND organization_id = :organizationId
             ORDER BY token FOR UPDATE
            """)
    List<String> lockMemberKeys(@Bind("organizationId") String organizationId, @Bind("userId") String userId);

    @SqlUpdate("""
            DELETE FROM team_memberships
             WHERE user_id = :userId AND team_id IN (SELECT team_id FROM teams WHERE organization_id = :organizationId)
            """)
    void deleteTeamMemberships(@Bind("organizationId") String organizationId, @Bind("userId") String userId);

    @SqlUpdate("DELETE FROM organization_memberships WHERE organization_id = :organizationId AND user_id = :userId")
    void deleteMembership(@Bind("organizationId") String organizationId, @Bind("userId") String userId);
}
