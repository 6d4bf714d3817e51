package dev.keygate.orgs;

import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(OrganizationRow.class)
public interface OrganizationDao {

    @SqlQuery("""
            INSERT INTO organizations (organization_id, organization_alias, models, max_budget, budget_duration,
                                       tpm_limit, rpm_limit, spend, metadata, created_by, updated_by)
            VALUES (:organizationId, :organizationAlias, :models, :maxBudget, :budgetDuration,
                    :tpmLimit, :rpmLimit, :spend, CAST(:metadata AS jsonb), :createdBy, :updatedBy)
            RETURNING *
            """)
    OrganizationRow insert(@BindMethods OrganizationRow organization);

    @SqlQuery("SELECT * FROM organizations WHERE organization_id = :id")
    Optional<OrganizationRow> find(@Bind("id") String organizationId);

    @SqlQuery("SELECT EXISTS (SELECT 1 FROM organizations WHERE organization_id = :id)")
    boolean exists(@Bind("id") String organizationId);

    @SqlUpdate("""
            INSERT INTO organization_memberships (organization_id, user_id, user_role)
            VALUES (:organizationId, :userId, :role)
            ON CONFLICT (organization_id, user_id) DO NOTHING
            """)
    void addMember(@Bind("organizationId") String organizationId, @Bind("userId") String userId,
                   @Bind("role") String role);
}
