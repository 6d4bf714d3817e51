package dev.keygate.users;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.keygate.db.JsonColumns;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A user as the API shows it. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record UserView(
        String userId,
        String userEmail,
        String userAlias,
        String userRole,
        List<String> models,
        BigDecimal maxBudget,
        String budgetDuration,
        Instant budgetResetAt,
        BigDecimal spend,
        Map<String, Object> metadata,
        String createdBy,
        String updatedBy,
        Instant createdAt,
        Instant updatedAt) {

    public static UserView of(UserRow row, JsonColumns json) {
        return new UserView(row.userId(), row.userEmail(), row.userAlias(), row.userRole(), row.models(),
                row.maxBudget(), row.budgetDuration(), row.budgetResetAt(), row.spend(), json.read(row.metadata()), row.createdBy(), row.updatedBy(),
                row.createdAt(), row.updatedAt());
    }
}
