package dev.keygate.orgs;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.keygate.web.InputLimits;
import jakarta.validation.constraints.NotBlank;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** POST /organization/new. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record NewOrganizationRequest(
        @NotBlank @InputLimits.Alias String organizationAlias,
        @InputLimits.Id String organizationId,
        List<@InputLimits.Name String> models,
        @InputLimits.Budget BigDecimal maxBudget,
        String budgetDuration,
        @InputLimits.RateLimit Long tpmLimit,
        @InputLimits.RateLimit Long rpmLimit,
        @InputLimits.JsonObject Map<String, Object> metadata,
        @InputLimits.Id String budgetId) {}
