package dev.keygate.budgets;

import java.math.BigDecimal;
import java.time.Instant;

/** One row of {@code budgets}, a budget tier. {@code modelMaxBudget} is JSON text (null when unset). */
public record BudgetRow(
        String budgetId,
        BigDecimal maxBudget,
        BigDecimal softBudget,
        Integer maxParallelRequests,
        Long tpmLimit,
        Long rpmLimit,
        String modelMaxBudget,
        String budgetDuration,
        Instant budgetResetAt,
        String createdBy,
        String updatedBy,
        Instant createdAt,
        Instant updatedAt) {}
