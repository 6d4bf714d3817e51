package dev.keygate.users;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.keygate.auth.UserRole;
import dev.keygate.web.InputLimits;
import jakarta.validation.constraints.Email;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** POST /user/new. {@code auto_create_key} defaults to true, as in LiteLLM. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record NewUserRequest(
        @InputLimits.Id String userId,
        @Email @InputLimits.Email String userEmail,
        @InputLimits.Alias String userAlias,
        UserRole userRole,
        List<@InputLimits.Id String> teams,
        List<@InputLimits.Id String> organizations,
        @InputLimits.Budget BigDecimal maxBudget,
        String budgetDuration,
        List<@InputLimits.Name String> models,
        @InputLimits.JsonObject Map<String, Object> metadata,
        Boolean autoCreateKey) {}
