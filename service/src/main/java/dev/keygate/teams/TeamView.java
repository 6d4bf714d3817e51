package dev.keygate.teams;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.keygate.db.JsonColumns;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A team as the API shows it, with its members (their emails filled in) and LiteLLM's
 * {@code team_memberships} (each member's spend and budget in the team).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TeamView(
        String teamId,
        String teamAlias,
        String organizationId,
        List<String> models,
        BigDecimal maxBudget,
        String budgetDuration,
        Instant budgetResetAt,
        Long tpmLimit,
        Long rpmLimit,
        BigDecimal spend,
        Map<String, Object> metadata,
        boolean blocked,
        List<String> teamMemberPermissions,
        List<TeamMember> membersWithRoles,
        List<TeamMembership> teamMemberships,
        String createdBy,
        String updatedBy,
        Instant createdAt,
        Instant updatedAt) {

    /**
     * LiteLLM's team fields for features Keygate does not have (model aliases, object permissions,
     * access groups, team soft budgets, per-model budgets and spend, projects, guardrail policies, the
     * legacy admins/members lists), with the value LiteLLM gives a team that does not use them (its
     * column defaults where the column is never null); docs/api.md lists them.
     */
    private static final Map<String, Object> LITELLM_ONLY = liteLlmOnly();

    /** {@code emails}: user_id → user_email of the members who have one. */
    public static TeamView of(TeamRow row, List<TeamMemberRow> members, Map<String, String> emails, JsonColumns json) {
        return new TeamView(row.teamId(), row.teamAlias(), row.organizationId(), row.models(), row.maxBudget(),
                row.budgetDuration(), row.budgetResetAt(), row.tpmLimit(), row.rpmLimit(), row.spend(),
                json.read(row.metadata()), row.blocked(), row.teamMemberPermissions(),
                members.stream().map(member -> TeamMember.of(member, emails.get(member.userId()))).toList(),
                members.stream().map(TeamMembership::of).toList(),
                row.createdBy(), row.updatedBy(), row.createdAt(), row.updatedAt());
    }

    /** Many teams as views, with two queries for all their members and emails, not two per team. */
    public static List<TeamView> ofAll(TeamDao teams, List<TeamRow> rows, JsonColumns json) {
        List<String> ids = rows.stream().map(TeamRow::teamId).toList();
        Map<String, List<TeamMemberRow>> members = teams.membersOf(ids).stream()
                .collect(Collectors.groupingBy(TeamMemberRow::teamId));
        Map<String, String> emails = teams.memberEmails(ids);
        return rows.stream().map(row -> of(row, members.getOrDefault(row.teamId(), List.of()), emails, json)).toList();
    }

    @JsonAnyGetter
    Map<String, Object> liteLlmOnlyFields() {
        return LITELLM_ONLY;
    }

    private static Map<String, Object> liteLlmOnly() {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (String name : List.of("admins", "members", "access_group_ids", "policies", "default_team_member_models")) {
            fields.put(name, List.of());
        }
        for (String name : List.of("soft_budget", "max_parallel_requests", "router_settings", "model_id",
                "litellm_model_table", "object_permission", "object_permission_id", "team_member_budget_table",
                "budget_limits", "litellm_organization_table", "projects", "access_group_models",
                "access_group_mcp_server_ids", "access_group_agent_ids")) {
            fields.put(name, null);
        }
        fields.put("model_max_budget", Map.of());
        fields.put("model_spend", Map.of());
        fields.put("allow_team_guardrail_config", false);
        return Collections.unmodifiableMap(fields);
    }
}
