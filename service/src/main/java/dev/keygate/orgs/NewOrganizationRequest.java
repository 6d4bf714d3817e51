package dev.keygate.orgs;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.PositiveOrZero;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** POST /organization/new. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record NewOrganizationRequest(
        @NotBlank String organizationAlias,
        String organizationId,
        List<String> models,
        @PositiveOrZero BigDecimal maxBudget,
        String budgetDuration,
        @PositiveOrZero Long tpmLimit,
        @PositiveOrZero Long rpmLimit,
        Map<String, Object> metadata) {}
