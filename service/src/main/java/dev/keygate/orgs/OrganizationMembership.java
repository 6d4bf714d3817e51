package dev.keygate.orgs;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/**
 * A member as organization answers show it: LiteLLM's membership row ({@code user_role}), with
 * Keygate's {@code role} (the same value) kept beside it for scripts written against Keygate. Keygate
 * tracks no spend and keeps no budget per organization member, so {@code spend} is LiteLLM's default 0
 * and {@code budget_id}, {@code litellm_budget_table} and {@code user} (LiteLLM's included user row) are null.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record OrganizationMembership(String userId, String organizationId, String userRole, String role,
                                     String userEmail, BigDecimal spend, String budgetId,
                                     Map<String, Object> litellmBudgetTable, Map<String, Object> user,
                                     Instant createdAt, Instant updatedAt) {

    static OrganizationMembership of(OrganizationDao.MemberRow row) {
        return new OrganizationMembership(row.userId(), row.organizationId(), row.userRole(), row.userRole(),
                row.userEmail(), BigDecimal.ZERO, null, null, null, row.createdAt(), row.updatedAt());
    }
}
