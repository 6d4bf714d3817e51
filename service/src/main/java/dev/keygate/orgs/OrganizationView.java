package dev.keygate.orgs;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.keygate.db.JsonColumns;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** An organization as the API shows it. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record OrganizationView(
        String organizationId,
        String organizationAlias,
        List<String> models,
        BigDecimal maxBudget,
        String budgetDuration,
        Instant budgetResetAt,
        Long tpmLimit,
        Long rpmLimit,
        BigDecimal spend,
        Map<String, Object> metadata,
        String createdBy,
        String updatedBy,
        Instant createdAt,
        Instant updatedAt) {

    public static OrganizationView of(OrganizationRow row, JsonColumns json) {
        return new OrganizationView(row.organizationId(), row.organizationAlias(), row.models(), row.maxBudget(),
                row.budgetDuration(), row.budgetResetAt(), row.tpmLimit(), row.rpmLimit(), row.spend(),
                json.read(row.metadata()), row.createdBy(), row.updatedBy(), row.createdAt(), row.updatedAt());
    }
}
