package dev.keygate.teams;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(TeamRow.class)
@RegisterConstructorMapper(TeamMemberRow.class)
public interface TeamDao {

    @SqlQuery("""
            INSERT INTO teams (team_id, team_alias, organization_id, models, max_budget, budget_duration, tpm_limit,
                               rpm_limit, spend, metadata, blocked, team_member_permissions, created_by, updated_by)
            VALUES (:teamId, :teamAlias, :organizationId, :models, :maxBudget, :budgetDuration, :tpmLimit,
                    :rpmLimit, :spend, CAST(:metadata AS jsonb), :blocked, :teamMemberPermissions, :createdBy,
                    :updatedBy)
            RETURNING *
            """)
    TeamRow insert(@BindMethods TeamRow team);

    @SqlQuery("SELECT * FROM teams WHERE team_id = :id")
    Optional<TeamRow> find(@Bind("id") String teamId);

    @SqlQuery("SELECT EXISTS (SELECT 1 FROM teams WHERE team_id = :id)")
    boolean exists(@Bind("id") String teamId);

    @SqlUpdate("""
            INSERT INTO team_memberships (team_id, user_id, role, max_budget_in_team)
            VALUES (:teamId, :userId, :role, :maxBudgetInTeam)
            """)
    void addMember(@BindMethods TeamMemberRow member);

    @SqlQuery("SELECT * FROM team_memberships WHERE team_id = :id ORDER BY created_at, user_id")
    List<TeamMemberRow> members(@Bind("id") String teamId);

    @SqlQuery("SELECT EXISTS (SELECT 1 FROM team_memberships WHERE team_id = :teamId AND user_id = :userId)")
    boolean isMember(@Bind("teamId") String teamId, @Bind("userId") String userId);
}
