package dev.keygate.teams;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import jakarta.validation.Valid;
import jakarta.validation.constraints.PositiveOrZero;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** POST /team/new. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record NewTeamRequest(
        String teamAlias,
        String teamId,
        String organizationId,
        List<@Valid TeamMember> membersWithRoles,
        List<String> teamMemberPermissions,
        List<String> models,
        @PositiveOrZero BigDecimal maxBudget,
        String budgetDuration,
        @PositiveOrZero Long tpmLimit,
        @PositiveOrZero Long rpmLimit,
        Map<String, Object> metadata,
        Boolean blocked) {}
