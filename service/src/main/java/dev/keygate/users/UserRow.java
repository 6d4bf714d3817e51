package dev.keygate.users;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** One row of {@code users}. */
public record UserRow(
        String userId,
        String userEmail,
        String userAlias,
        String userRole,
        List<String> models,
        BigDecimal maxBudget,
        String budgetDuration,
        Instant budgetResetAt,
        BigDecimal spend,
        String metadata,
        String createdBy,
        String updatedBy,
        Instant createdAt,
        Instant updatedAt) {}
