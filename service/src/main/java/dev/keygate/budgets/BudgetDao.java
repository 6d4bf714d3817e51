package dev.keygate.budgets;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

public interface BudgetDao {

    /** Empty when a tier of that id exists already (the primary key decides races). */
    @SqlQuery("""
            INSERT INTO budgets (budget_id, max_budget, soft_budget, max_parallel_requests, tpm_limit, rpm_limit,
                                 model_max_budget, budget_duration, budget_reset_at, created_by, updated_by)
            VALUES (:budgetId, :maxBudget, :softBudget, :maxParallelRequests, :tpmLimit, :rpmLimit,
                    CAST(:modelMaxBudget AS jsonb), :budgetDuration, :budgetResetAt, :createdBy, :updatedBy)
            ON CONFLICT (budget_id) DO NOTHING
            RETURNING *
            """)
    Optional<BudgetRow> insert(@BindMethods BudgetRow budget);

    @SqlQuery("SELECT * FROM budgets WHERE budget_id = :id")
    Optional<BudgetRow> find(@Bind("id") String budgetId);

    /**
     * Shares the row: the tier stays (and keeps its limits) until the transaction that gives it to a
     * key or an organization commits. Changing or deleting it takes {@link #findForUpdate}, which waits.
     */
    @SqlQuery("SELECT * FROM budgets WHERE budget_id = :id FOR SHARE")
    Optional<BudgetRow> findForShare(@Bind("id") String budgetId);

    @SqlQuery("SELECT * FROM budgets WHERE budget_id = :id FOR UPDATE")
    Optional<BudgetRow> findForUpdate(@Bind("id") String budgetId);

    @SqlQuery("SELECT * FROM budgets WHERE budget_id = ANY(:ids) ORDER BY created_at, budget_id")
    List<BudgetRow> findAll(@Bind("ids") Collection<String> budgetIds);

    @SqlQuery("SELECT * FROM budgets ORDER BY created_at, budget_id")
    List<BudgetRow> list();

    @SqlUpdate("DELETE FROM budgets WHERE budget_id = :id")
    int delete(@Bind("id") String budgetId);

    /** Who uses the tier, as 'key <key_name>' and 'organization <id>', at most {@code limit} of them. */
    @SqlQuery("""
            (SELECT 'key ' || key_name FROM keys WHERE budget_id = :id ORDER BY key_name LIMIT :limit)
            UNION ALL
            (SELECT 'organization ' || organization_id FROM organizations WHERE budget_id = :id
              ORDER BY organization_id LIMIT :limit)
            LIMIT :limit
            """)
    List<String> users(@Bind("id") String budgetId, @Bind("limit") int limit);
}
