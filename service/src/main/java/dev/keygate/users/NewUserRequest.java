package dev.keygate.users;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.keygate.auth.UserRole;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.PositiveOrZero;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** POST /user/new. {@code auto_create_key} defaults to true, as in LiteLLM. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record NewUserRequest(
        String userId,
        @Email String userEmail,
        String userAlias,
        UserRole userRole,
        List<String> teams,
        List<String> organizations,
        @PositiveOrZero BigDecimal maxBudget,
        List<String> models,
        Map<String, Object> metadata,
        Boolean autoCreateKey) {}
