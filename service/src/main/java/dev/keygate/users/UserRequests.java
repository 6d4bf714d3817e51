package dev.keygate.users;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.keygate.auth.UserRole;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.PositiveOrZero;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Bodies of the user routes other than /user/new. */
public final class UserRequests {

    private UserRequests() {}

    /** POST /user/update: the user by user_id (or user_email when no id); absent fields stay. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Update(
            String userId,
            Optional<@Email String> userEmail,
            Optional<String> userAlias,
            UserRole userRole,
            Optional<@PositiveOrZero BigDecimal> maxBudget,
            List<String> models,
            Map<String, Object> metadata) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Delete(@NotEmpty List<@NotBlank String> userIds) {}
}
