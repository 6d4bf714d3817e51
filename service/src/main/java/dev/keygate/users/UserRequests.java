package dev.keygate.users;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.keygate.auth.UserRole;
import dev.keygate.web.InputLimits;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Bodies of the user routes other than /user/new. */
public final class UserRequests {

    private UserRequests() {}

    /** POST /user/update: the user by user_id (or user_email when no id); absent fields stay. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    /** Fields, not a record: Jackson leaves absent fields null and sets JSON null as Optional.empty(). */
    public static final class Update {
        public @InputLimits.Id String userId;
        public Optional<@Email @InputLimits.Email String> userEmail;
        public Optional<@InputLimits.Alias String> userAlias;
        public UserRole userRole;
        public Optional<@InputLimits.Budget BigDecimal> maxBudget;
        public Optional<String> budgetDuration;
        public List<@InputLimits.Name String> models;
        public @InputLimits.JsonObject Map<String, Object> metadata;
    }

    /**
     * POST /user/bulk_update, LiteLLM's BulkUpdateUserRequest: each of {@code users} is a /user/update
     * body. LiteLLM's {@code all_users} with {@code user_updates} are refused when set
     * (litellm/unsupported-fields.json).
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record BulkUpdate(List<@jakarta.validation.Valid @jakarta.validation.constraints.NotNull Update> users) {

        /** The same bound as /key/bulk_update's (LiteLLM's limit there). */
        public static final int MAX_USERS = 500;
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Delete(@NotEmpty List<@NotBlank @InputLimits.Id String> userIds) {}
}
