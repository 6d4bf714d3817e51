package dev.keygate.teams;

import dev.keygate.keys.KeyDao;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.sqlobject.CreateSqlObject;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.config.KeyColumn;
import org.jdbi.v3.sqlobject.config.ValueColumn;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.customizer.Define;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
public interface TeamDao {

    @SqlQuery("""
            INSERT INTO teams (team_id, team_alias, organization_id, models, max_budget, budget_duration,
                               budget_reset_at, tpm_limit, rpm_limit, spend, metadata, blocked, team_member_permissions,
                               created_by, updated_by)
            VALUES (:teamId, :teamAlias, :organizationId, :models, :maxBudget, :budgetDuration, :budgetResetAt,
                    :tpmLimit, :rpmLimit, :spend, CAST(:metadata AS jsonb), :blocked, :teamMemberPermissions, :createdBy,
                    :updatedBy)
            RETURNING *
            """)
    TeamRow insert(@BindMethods TeamRow team);

    @SqlQuery("SELECT * FROM teams WHERE team_id = :id")
    Optional<TeamRow> find(@Bind("id") String teamId);

    @SqlQuery("SELECT * FROM teams WHERE organization_id = :id ORDER BY created_at, team_id")
    List<TeamRow> inOrganization(@Bind("id") String organizationId);

    @SqlQuery("SELECT * FROM teams WHERE team_id = :id FOR UPDATE")
    Optional<TeamRow> findForUpdate(@Bind("id") String teamId);

    @SqlQuery("SELECT EXISTS (SELECT 1 FROM teams WHERE team_id = :id)")
    boolean exists(@Bind("id") String teamId);

    @SqlUpdate("""
            INSERT INTO team_memberships (team_id, user_id, role, max_budget_in_team)
            VALUES (:teamId, :userId, :role, :maxBudgetInTeam)
            """)
    void addMember(@BindMethods TeamMemberRow member);

    @SqlQuery("SELECT * FROM team_memberships WHERE team_id = :id ORDER BY created_at, user_id")
    List<TeamMemberRow> members(@Bind("id") String teamId);

    /** The members of many teams in one query (lists), in the same order as {@link #members}. */
    @SqlQuery("SELECT * FROM team_memberships WHERE team_id = ANY(:ids) ORDER BY created_at, user_id")
    List<TeamMemberRow> membersOf(@Bind("ids") java.util.Collection<String> teamIds);

    /** user_id → user_email of the members of these teams who have an email (members are shown with it). */
    @SqlQuery("""
            SELECT DISTINCT m.user_id, u.user_email FROM team_memberships m JOIN users u ON u.user_id = m.user_id
             WHERE m.team_id = ANY(:ids) AND u.user_email IS NOT NULL
            """)
    @KeyColumn("user_id")
    @ValueColumn("user_email")
    Map<String, String> memberEmails(@Bind("ids") Collection<String> teamIds);

    @SqlQuery("SELECT EXISTS (SELECT 1 FROM team_memberships WHERE team_id = :teamId AND user_id = :userId)")
    boolean isMember(@Bind("teamId") String teamId, @Bind("userId") String userId);

    @SqlQuery("SELECT * FROM team_memberships WHERE team_id = :teamId AND user_id = :userId")
    Optional<TeamMemberRow> member(@Bind("teamId") String teamId, @Bind("userId") String userId);

    @SqlUpdate("""
            UPDATE team_memberships SET role = :role, max_budget_in_team = :maxBudgetInTeam, updated_at = now()
             WHERE team_id = :teamId AND user_id = :userId
            """)
    void updateMember(@BindMethods TeamMemberRow member);

    @CreateSqlObject
    KeyDao keys();

    /**
     * Removes the member and their keys in the team: a former member keeps no access through it. The
     * keys go first, locked in token order (LockOrder); the caller holds the team and the user.
     */
    default void removeMember(String teamId, String userId) {
        keys().delete(lockMemberKeys(teamId, userId));
        deleteMembership(teamId, userId);
    }

    @SqlQuery("SELECT token FROM keys WHERE team_id = :teamId AND user_id = :userId ORDER BY token FOR UPDATE")
    List<String> lockMemberKeys(@Bind("teamId") String teamId, @Bind("userId") String userId);

    @SqlUpdate("DELETE FROM team_memberships WHERE team_id = :teamId AND user_id = :userId")
    void deleteMembership(@Bind("teamId") String teamId, @Bind("userId") String userId);

    /**
     * Deletes teams the caller has locked, with their keys and memberships. The keys go first, locked in
     * token order and deleted in one statement (LockOrder); the memberships by the foreign keys' cascade.
     */
    default void delete(Collection<String> teamIds) {
        keys().delete(lockKeys(teamIds));
        deleteRows(teamIds);
    }

    @SqlQuery("SELECT token FROM keys WHERE team_id = ANY(:ids) ORDER BY token FOR UPDATE")
    List<String> lockKeys(@Bind("ids") Collection<String> teamIds);

    /**
     * A locked team's keys follow it to its new organization (a key belongs to its team's): locked in
     * token order first (LockOrder), then changed in one statement.
     */
    default void moveKeys(String teamId, String organizationId) {
        setKeysOrganization(lockKeys(List.of(teamId)), organizationId);
    }

    @SqlUpdate("UPDATE keys SET organization_id = :organizationId WHERE token = ANY(:tokens)")
    void setKeysOrganization(@Bind("tokens") Collection<String> tokens, @Bind("organizationId") String organizationId);

    /** The team's members who are not members of the organization, by id. */
    @SqlQuery("""
            SELECT m.user_id FROM team_memberships m
             WHERE m.team_id = :teamId
               AND NOT EXISTS (SELECT 1 FROM organization_memberships o
                                WHERE o.organization_id = :organizationId AND o.user_id = m.user_id)
             ORDER BY m.user_id""")
    List<String> membersOutside(@Bind("teamId") String teamId, @Bind("organizationId") String organizationId);

    @SqlUpdate("DELETE FROM teams WHERE team_id = ANY(:ids)")
    void deleteRows(@Bind("ids") Collection<String> teamIds);

    /** Teams the caller may read (see Policy.teamVisibility) that match the optional filters. */
    String MATCHES = """
             WHERE (:all OR organization_id = ANY(:adminOrganizations) OR team_id = ANY(:memberTeams))
               AND (CAST(:organizationId AS text) IS NULL OR organization_id = :organizationId)
               AND (CAST(:userId AS text) IS NULL
                    OR team_id IN (SELECT team_id FROM team_memberships WHERE user_id = :userId))
               AND (CAST(:teamId AS text) IS NULL OR team_id = :teamId)
               AND (CAST(:teamAlias AS text) IS NULL OR strpos(lower(team_alias), lower(:teamAlias)) > 0)
            """;

    @SqlQuery("SELECT * FROM teams" + MATCHES + "ORDER BY created_at, team_id")
    List<TeamRow> list(@BindMethods TeamListQuery query);

    /** One page; {@code order} is {@link TeamOrder#sql()}, whitelisted columns only. */
    @SqlQuery("SELECT * FROM teams" + MATCHES + "ORDER BY <order> LIMIT :limit OFFSET :offset")
    List<TeamRow> page(@BindMethods TeamListQuery query, @Define("order") String order, @Bind("limit") int limit,
                       @Bind("offset") long offset);

    @SqlQuery("SELECT count(*) FROM teams" + MATCHES)
    long count(@BindMethods TeamListQuery query);
}
