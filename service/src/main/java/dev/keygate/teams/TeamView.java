package dev.keygate.teams;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.keygate.db.JsonColumns;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A team as the API shows it, with its members. */
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
        String createdBy,
        String updatedBy,
        Instant createdAt,
        Instant updatedAt) {

    public static TeamView of(TeamRow row, List<TeamMemberRow> members, JsonColumns json) {
        return new TeamView(row.teamId(), row.teamAlias(), row.organizationId(), row.models(), row.maxBudget(),
                row.budgetDuration(), row.budgetResetAt(), row.tpmLimit(), row.rpmLimit(), row.spend(),
                json.read(row.metadata()), row.blocked(), row.teamMemberPermissions(), members.stream().map(TeamMember::of).toList(),
                row.createdBy(), row.updatedBy(), row.createdAt(), row.updatedAt());
    }
}
