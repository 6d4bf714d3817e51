package dev.keygate.orgs;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.keygate.teams.TeamView;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An organization with its members and the teams in it the caller may read, as LiteLLM's
 * {@code LiteLLM_OrganizationTableWithMembers}. LiteLLM keeps an organization's budget in a budget row;
 * Keygate keeps it on the organization, so {@code litellm_budget_table} shows those same fields and
 * {@code budget_id} is null.
 */
public record OrganizationDetails(
        @JsonUnwrapped OrganizationView organization,
        @JsonProperty("members") List<OrganizationMembership> members,
        @JsonProperty("teams") List<TeamView> teams) {

    @JsonProperty("litellm_budget_table")
    public Map<String, Object> litellmBudgetTable() {
        Map<String, Object> table = new LinkedHashMap<>();
        table.put("budget_id", null);
        table.put("soft_budget", null);
        table.put("max_budget", organization.maxBudget());
        table.put("max_parallel_requests", null);
        table.put("tpm_limit", organization.tpmLimit());
        table.put("rpm_limit", organization.rpmLimit());
        table.put("model_max_budget", null);
        table.put("budget_duration", organization.budgetDuration());
        return table;
    }

    /** LiteLLM's fields for what Keygate lacks: budget rows, object permissions, its included users list. */
    @JsonAnyGetter
    Map<String, Object> liteLlmOnlyFields() {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (String name : List.of("budget_id", "users", "object_permission", "object_permission_id")) {
            fields.put(name, null);
        }
        return Collections.unmodifiableMap(fields);
    }
}
