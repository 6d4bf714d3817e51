package dev.keygate.teams;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.keygate.web.InputLimits;
import jakarta.validation.Valid;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** POST /team/new. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record NewTeamRequest(
        @InputLimits.Alias String teamAlias,
        @InputLimits.Id String teamId,
        @InputLimits.Id String organizationId,
        List<@Valid TeamMember> membersWithRoles,
        List<@InputLimits.Name String> teamMemberPermissions,
        List<@InputLimits.Name String> models,
        @InputLimits.Budget BigDecimal maxBudget,
        String budgetDuration,
        @InputLimits.RateLimit Long tpmLimit,
        @InputLimits.RateLimit Long rpmLimit,
        @InputLimits.JsonObject Map<String, Object> metadata,
        Boolean blocked) {}
